using Cake.Frosting;

namespace TikTimer.Build.Tasks;

/// <remarks>
/// Every service rolls at once; when one fails or times out, all are rolled back
/// (unless --rollback=false) and the task fails naming what failed and what serves again.
/// </remarks>
[TaskName("Deploy")]
[TaskDescription("Rolls the service(s) to the pushed image and waits until really stable")]
[IsDependentOn(typeof(MigrateViaEcsTask))]
public sealed class DeployTask : AsyncFrostingTask<BuildContext>
{
    public override async Task RunAsync(BuildContext context)
    {
        var image = context.State.ImageFor("Deploy", context.Settings.Image);
        var services = context.Services;
        await services.HoldDeliveryLockAsync("Deploy", context.Cancellation);
        if (context.State.DeliveredMeanwhile is { } made)
        {
            context.Delivery.Information($"Not rolling out: {made}.");
            return;
        }

        context.State.DeployedImage = image;
        context.State.Deploy = await services.DeployRunner().DeployAsync(services.RolloutRequests(image), context.Cancellation);
    }
}
