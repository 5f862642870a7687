using NUnit.Framework;

namespace TikTimer.Testing;

/// <summary>
/// An integration test may skip only when a real part is missing on a developer
/// laptop. Under CI (CI=true) the same absence is a failure: CI installs every
/// prerequisite, so a missing one means the pipeline itself is broken.
/// </summary>
public static class Prerequisite
{
    public static bool IsCi =>
        string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public static void Require(bool available, string what, string howToFix)
    {
        if (available)
        {
            return;
        }

        var message = $"{what} is not available. {howToFix}";
        if (IsCi)
        {
            Assert.Fail($"Prerequisite missing under CI=true: {message}");
        }

        Assert.Ignore(message);
    }
}
