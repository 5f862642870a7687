using Cake.Frosting;

namespace TikTimer.Build.Tasks;

/// <remarks>
/// The runner guards against a concurrent migration, starts the one-off task of the exact
/// image, follows its logs and judges how it stopped; anything but exit 0 throws, so Deploy never starts.
/// A run that waited for the delivery lock while another run delivered this very image migrates
/// and rolls out nothing (SmokeTest still checks what serves).
/// </remarks>
[TaskName("MigrateViaEcs")]
[TaskDescription("Runs the database migration as a one-off task of the pushed image and waits for it")]
[IsDependentOn(typeof(PushToEcrTask))]
public sealed class MigrateViaEcsTask : AsyncFrostingTask<BuildContext>
{
    public override async Task RunAsync(BuildContext context)
    {
        var image = context.State.ImageFor("MigrateViaEcs", context.Settings.Image);
        await context.Services.HoldDeliveryLockAsync("MigrateViaEcs", context.Cancellation);
        if (await context.Services.DeliveredMeanwhileAsync(image, context.State.StartedAt ?? context.Clock.GetUtcNow(), context.Cancellation) is { } made)
        {
            context.State.DeliveredMeanwhile = made;
            context.Delivery.Information($"Not migrating (and Deploy not rolling out): {made}. SmokeTest checks what serves.");
            return;
        }

        var migration = context.Services.Platform.MigrationTask(image);
        context.State.MigrationFamily = migration.Family;
        context.State.Migration = await context.Services.MigrationRunner().RunAsync(migration, context.Cancellation);
    }
}
