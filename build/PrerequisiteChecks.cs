using TikTimer.Delivery.Validation;

namespace TikTimer.Build;

/// <summary>The prerequisites of the chosen platform, in the order they are worth reading.</summary>
internal static class PrerequisiteChecks
{
    public static IEnumerable<IPrerequisiteCheck> For(BuildContext context)
    {
        yield break;
    }
}
