using Cake.Frosting;
using TikTimer.Delivery;
using TikTimer.Delivery.Images;

namespace TikTimer.Build.Tasks;

[TaskName("PushToEcr")]
[TaskDescription("Pushes the image to ECR (the local registry on local) and records its digest")]
[IsDependentOn(typeof(BuildImageTask))]
public sealed class PushToEcrTask : AsyncFrostingTask<BuildContext>
{
    public override async Task RunAsync(BuildContext context)
    {
        await context.Services.HoldDeliveryLockAsync("PushToEcr", context.Cancellation);
        if (context.State.Reused is { } reused)
        {
            var registry = await context.Services.Platform.ImageRegistryAsync(context.Cancellation);
            context.State.Push = await context.Services.ImagePusher().AdoptAsync(reused, context.Settings.ExtraTags, registry, context.Cancellation);
            context.Delivery.Information($"Image: {context.State.Push.DigestReference}");
            return;
        }

        var build = context.State.Build ?? throw new DeliveryException(
            "PushToEcr: no image was built in this run. Run it with BuildImage (drop --exclusive).");
        var services = context.Services;
        var target = await services.Platform.ImageRegistryAsync(context.Cancellation);
        var push = await services.ImagePusher().PushAsync(ImagePushOptions.From(build), target, context.Cancellation);
        context.State.Push = push;
        context.Delivery.Information($"Image: {push.DigestReference}");
    }
}
