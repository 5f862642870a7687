using TikTimer.Delivery.Validation;

namespace TikTimer.Build.Tests;

/// <summary>
/// These tests run the real host, and so can reach the real Validate task, whose unit-test run
/// is this very test run: marked as inside one, Validate refuses instead of starting itself again.
/// </summary>
[SetUpFixture]
public sealed class NoNestedTestRun
{
    private string? _saved;

    [OneTimeSetUp]
    public void Mark()
    {
        _saved = Environment.GetEnvironmentVariable(NestedTestRun.Marker);
        Environment.SetEnvironmentVariable(NestedTestRun.Marker, "1");
    }

    [OneTimeTearDown]
    public void Restore() => Environment.SetEnvironmentVariable(NestedTestRun.Marker, _saved);
}
