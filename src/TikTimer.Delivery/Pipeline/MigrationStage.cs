using TikTimer.Delivery.Local;
using TikTimer.Delivery.Migrations;

namespace TikTimer.Delivery.Pipeline;

/// <summary>MigrateViaEcs: the migration as a one-off task of the exact image, waited for and judged.</summary>
public static class MigrationStage
{
    /// <summary>The family the local platform labels its migration containers with.</summary>
    public const string LocalFamily = "tiktimer-local-migration";

    public static async Task<MigrationResult> RunAsync(DeliveryServices services, string image, CancellationToken cancellationToken)
    {
        await services.HoldDeliveryLockAsync("MigrateViaEcs", cancellationToken).ConfigureAwait(false);
        var settings = services.Settings;
        var options = new MigrationOptions
        {
            Timeout = settings.MigrationTimeout,
            Force = settings.Force,
            // docker logs has no ingestion lag; CloudWatch Logs takes a few seconds.
            LogGracePeriod = settings.IsAws ? new MigrationOptions().LogGracePeriod : TimeSpan.FromMilliseconds(500),
        };
        IOneOffTaskPlatform platform = settings.IsAws
            ? services.Aws.OneOffTasks()
            : new LocalOneOffTaskPlatform(services.Docker, services.Log, new LocalOneOffTaskOptions { DatabaseUrl = settings.DatabaseUrl }, LocalRegistryAccess.Puller(services, "MigrateViaEcs"));

        // On aws the task definition's own command runs unless one is configured;
        // the local image has no task definition, so its migration verb is the default.
        var command = settings.MigrationCommand ?? (settings.IsLocal ? ["migrate"] : null);
        var family = settings.MigrationTaskFamily ?? LocalFamily;
        return await new MigrationRunner(platform, services.Log, options, services.Clock)
            .RunAsync(new OneOffTaskSpec(family, image, command), cancellationToken).ConfigureAwait(false);
    }
}
