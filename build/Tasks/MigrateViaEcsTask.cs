using Cake.Frosting;

namespace TikTimer.Build.Tasks;

/// <remarks>
/// The runner guards against a concurrent migration, starts the one-off task of the exact
/// image, follows its logs and judges how it stopped; anything but exit 0 throws, so Deploy never starts.
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
        var migration = context.Services.Platform.MigrationTask(image);
        context.State.MigrationFamily = migration.Family;
        context.State.Migration = await context.Services.MigrationRunner().RunAsync(migration, context.Cancellation);
    }
}
