using TikTimer.Delivery;
using TikTimer.Delivery.Images;
using TikTimer.Delivery.Pipeline;

namespace TikTimer.Build;

/// <summary>
/// Each task's body: call the library stage, keep its result for the next
/// tasks. No AWS, HTTP or docker argument building here.
/// </summary>
internal static class Stages
{
    public static Task ValidatePrerequisitesAsync(BuildContext context) =>
        ValidationStage.RunAsync(context.Services, context.Cancellation);

    public static async Task BuildImageAsync(BuildContext context)
    {
        context.State.Build = await ImageStage.BuildAsync(context.Services, context.Cancellation);
        context.Delivery.Information($"Built {context.State.Build.LocalReference} (image id {context.State.Build.ImageId}).");
    }

    public static async Task PushToEcrAsync(BuildContext context)
    {
        var build = context.State.Build ?? throw new DeliveryException(
            "PushToEcr: no image was built in this run. Run it with BuildImage (drop --exclusive).");
        context.State.Push = await ImageStage.PushAsync(context.Services, ImagePushOptions.From(build), context.Cancellation);
        context.Delivery.Information($"Image: {context.State.Push.DigestReference}");
    }

    public static Task MigrateViaEcsAsync(BuildContext context) => NotImplementedYet("MigrateViaEcs", 5);

    public static Task DeployAsync(BuildContext context) => NotImplementedYet("Deploy", 6);

    public static Task SmokeTestAsync(BuildContext context) => NotImplementedYet("SmokeTest", 6);

    // A stage that is not built must fail loudly, never look like it worked.
    private static Task NotImplementedYet(string stage, int issue) =>
        throw new DeliveryException($"{stage} is not implemented yet (issue #{issue}); nothing was done. Run an earlier target, e.g. --target=Validate.");
}
