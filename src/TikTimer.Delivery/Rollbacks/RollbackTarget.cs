using TikTimer.Delivery.Records;

namespace TikTimer.Delivery.Rollbacks;

/// <summary>What Rollback rolls every service to, why, and what the database has seen since.</summary>
/// <param name="Image">The digest reference to roll out.</param>
/// <param name="Version">The version that image reports (its tag), when a record says; null: not checked.</param>
/// <param name="Record">The delivery that shipped <paramref name="Image"/>, when one is recorded.</param>
/// <param name="MigrationsSince">Successful migrations recorded after that delivery: the schema the old code meets.</param>
/// <param name="MigrationsUnknown">No record of the target, so which migrations ran since cannot be told.</param>
public sealed record RollbackTarget(
    string Image,
    string? Version,
    string Because,
    DeliveryRecord? Record,
    IReadOnlyList<DeliveryRecord> MigrationsSince,
    bool MigrationsUnknown);
