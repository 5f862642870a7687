using Cake.Frosting;
using TikTimer.Delivery.Smoke;

namespace TikTimer.Build.Tasks;

[TaskName("SmokeTest")]
[TaskDescription("Checks the live /health and / of the deployed service")]
[IsDependentOn(typeof(DeployTask))]
public sealed class SmokeTestTask : AsyncFrostingTask<BuildContext>
{
    public override async Task RunAsync(BuildContext context)
    {
        var services = context.Services;
        await services.HoldDeliveryLockAsync("SmokeTest", context.Cancellation);
        var url = context.Settings.SmokeBaseUrl ?? await services.Platform.ServiceUrlAsync(context.Cancellation);
        try
        {
            // The tag is the APP_VERSION the image was built with, what the service reports.
            var deployedVersion = context.State.Build?.Tags.Primary ?? context.State.Reused?.Tag ?? context.Settings.ImageTag;
            context.State.Smoke = await services.SmokeTester(deployedVersion).RunAsync(url, context.Cancellation);
            await services.Platform.ConfirmSmokeTestedAsync(url, context.Cancellation);
        }
        catch (SmokeTestFailedException) when (context.Settings.Rollback && context.State.Deploy is { } deployed)
        {
            // The release this run rolled out is what failed; put back what served before it.
            context.Delivery.Error("SmokeTest failed; rolling back the rollout of this run.");
            context.State.Rollbacks = await services.DeployRunner().RollBackAsync(deployed.Rollouts, context.Cancellation);
            foreach (var report in context.State.Rollbacks)
            {
                context.Delivery.Warning($"{report.Service}: {report.Message}");
            }

            throw;
        }
    }
}
