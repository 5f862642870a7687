using TikTimer.Delivery;
using TikTimer.Delivery.Validation;

namespace TikTimer.Build;

/// <summary>
/// Wires each task to the library: builds the platform's implementations from
/// the settings and calls the stage. Tasks stay one line; this file is the
/// only place that knows which implementation serves which platform.
/// </summary>
internal static class Stages
{
    public static Task ValidatePrerequisitesAsync(BuildContext context) =>
        new PrerequisiteValidator(context.Delivery).ValidateAsync(PrerequisiteChecks.For(context), context.Cancellation);

    public static Task BuildImageAsync(BuildContext context) => NotImplementedYet("BuildImage", 4);

    public static Task PushToEcrAsync(BuildContext context) => NotImplementedYet("PushToEcr", 4);

    public static Task MigrateViaEcsAsync(BuildContext context) => NotImplementedYet("MigrateViaEcs", 5);

    public static Task DeployAsync(BuildContext context) => NotImplementedYet("Deploy", 6);

    public static Task SmokeTestAsync(BuildContext context) => NotImplementedYet("SmokeTest", 6);

    // A stage that is not built must fail loudly, never look like it worked.
    private static Task NotImplementedYet(string stage, int issue) =>
        throw new DeliveryException($"{stage} is not implemented yet (issue #{issue}); nothing was done. Run an earlier target, e.g. --target=Validate.");
}
