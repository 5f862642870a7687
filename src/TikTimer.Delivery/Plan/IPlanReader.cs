using TikTimer.Delivery.Migrations;

namespace TikTimer.Delivery.Plan;

/// <summary>What Plan reads from a platform. Nothing here registers, starts, pulls or pushes anything.</summary>
public interface IPlanReader
{
    /// <summary>The service's definition now, and the one Deploy would register with <paramref name="image"/> in <paramref name="containerName"/>.</summary>
    Task<RevisionDraft> ServiceRevisionAsync(string service, string containerName, string image, CancellationToken cancellationToken);

    /// <summary>The migration family's definition now, and the one MigrateViaEcs would register to run <paramref name="migration"/>.</summary>
    Task<RevisionDraft> MigrationRevisionAsync(OneOffTaskSpec migration, CancellationToken cancellationToken);

    /// <summary>
    /// Runs <paramref name="command"/> of <paramref name="image"/> against the database when the platform can do
    /// so without changing anything; <paramref name="image"/> is null when it is not built yet.
    /// </summary>
    Task<PlannedMigrations> PendingMigrationsAsync(string? image, IReadOnlyList<string>? command, CancellationToken cancellationToken);
}
