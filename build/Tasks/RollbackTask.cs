using Cake.Frosting;
using TikTimer.Delivery.Records;
using TikTimer.Delivery.Rollbacks;

namespace TikTimer.Build.Tasks;

/// <remarks>
/// Rolls every service out to the earlier image exactly as Deploy does (same waits, same judge, and
/// back again if that rollout fails), then runs the smoke test against it. Migrations never run backwards.
/// </remarks>
[TaskName("Rollback")]
[TaskDescription("Rolls every service back to the image before the last delivery (or --to-image / --to-revision), waits until stable, smoke-tests it; never migrates backwards")]
public sealed class RollbackTask : AsyncFrostingTask<BuildContext>
{
    public override async Task RunAsync(BuildContext context)
    {
        var settings = context.Settings;
        var services = context.Services;
        var toImage = settings.RollbackToImage;
        if (settings.RollbackToRevision is { } revision)
        {
            toImage = await services.Platform.StatusReader().ImageOfRevisionAsync(settings.Services[0], revision, context.Cancellation);
            context.Delivery.Information($"Rollback: revision {revision} of {settings.Services[0]} runs {toImage}.");
        }

        var history = DeliveryRecordStore.ForRepository(settings.RepositoryRoot).History(settings.Environment);
        var target = RollbackPlanner.Plan(history, toImage, settings.Environment);
        context.Delivery.Information($"Rollback: rolling {string.Join(", ", settings.Services)} to {target.Image}, {target.Because}.");
        foreach (var line in RollbackPlanner.SchemaWarning(target))
        {
            context.Delivery.Warning(line);
        }

        context.State.DeployedImage = target.Image;
        await services.HoldDeliveryLockAsync("Rollback", context.Cancellation);
        context.State.Deploy = await services.DeployRunner().DeployAsync(services.RolloutRequests(target.Image), context.Cancellation);
        var url = settings.SmokeBaseUrl ?? await services.Platform.ServiceUrlAsync(context.Cancellation);
        context.State.Smoke = await services.SmokeTester(target.Version).RunAsync(url, context.Cancellation);
        context.Delivery.Information($"Rollback: {string.Join(", ", settings.Services)} serve {target.Image} again, stable and smoke-tested.");
    }
}
