using TikTimer.Delivery.Records;

namespace TikTimer.Delivery.Rollbacks;

/// <summary>
/// Chooses what Rollback goes back to from the delivery records (newest first): by default the
/// image that served before the last successful delivery, else the one given with --to-image.
/// </summary>
public static class RollbackPlanner
{
    public static RollbackTarget Plan(IReadOnlyList<DeliveryRecord> history, string? toImage, string environment)
    {
        ArgumentNullException.ThrowIfNull(history);
        var delivered = history.Where(r => r.Succeeded && r.Revisions.Count > 0 && r.Image is not null).ToList();
        if (toImage is not null)
        {
            if (!toImage.Contains("@sha256:", StringComparison.Ordinal))
            {
                throw new DeliveryException(
                    $"Rollback: --to-image={toImage} is not pinned by digest. Give repository@sha256:<digest> (Status and the records in {DeliveryRecordStore.RelativeDirectory} name them), so the rollback runs exactly that image.");
            }

            var digest = toImage[(toImage.IndexOf('@', StringComparison.Ordinal) + 1)..];
            var shipped = delivered.FirstOrDefault(r => r.Digest == digest);
            return Target(history, toImage, shipped, shipped is null ? "given with --to-image (no delivery of it is recorded)" : $"given with --to-image (delivered {shipped.FinishedAt:u})");
        }

        if (delivered.Count == 0)
        {
            throw new DeliveryException(
                $"Rollback: no successful delivery of environment '{environment}' is recorded in {DeliveryRecordStore.RelativeDirectory}, so there is no 'before' to go back to. Pass --to-image=<repository>@sha256:<digest>.");
        }

        var last = delivered[0];
        var before = delivered.Skip(1).FirstOrDefault(r => r.Digest != last.Digest)
            ?? throw new DeliveryException(
                $"Rollback: the last delivery ({last.Image}, {last.FinishedAt:u}) is the only image of environment '{environment}' recorded in {DeliveryRecordStore.RelativeDirectory}. Pass --to-image=<repository>@sha256:<digest>.");
        return Target(history, before.Image!, before, $"served before the last delivery ({last.Image}, {last.FinishedAt:u})");
    }

    private static RollbackTarget Target(IReadOnlyList<DeliveryRecord> history, string image, DeliveryRecord? shipped, string because)
    {
        var since = shipped is null
            ? []
            : history.Where(r => r.FinishedAt > shipped.FinishedAt && r.Migration is { Succeeded: true } && r.Digest != shipped.Digest).ToList();
        return new RollbackTarget(image, shipped?.Tag, because, shipped, since, MigrationsUnknown: shipped is null);
    }

    /// <summary>The warning Rollback prints before it changes anything: migrations never run backwards.</summary>
    public static IEnumerable<string> SchemaWarning(RollbackTarget target)
    {
        ArgumentNullException.ThrowIfNull(target);
        yield return "Rollback does not run migrations backwards: the database stays at its current schema.";
        if (target.MigrationsUnknown)
        {
            yield return $"No delivery of {target.Image} is recorded, so which migrations ran since it served is unknown; check that it works with the current schema.";
            yield break;
        }

        if (target.MigrationsSince.Count == 0)
        {
            yield return "No migration is recorded since that image was delivered.";
            yield break;
        }

        yield return $"Migrations applied since {target.Image} was delivered, which the old code will meet:";
        foreach (var record in target.MigrationsSince)
        {
            var names = record.Migration!.Applied.Count > 0 ? $": {string.Join(", ", record.Migration.Applied)}" : string.Empty;
            yield return $"  - {record.FinishedAt:u} task {record.Migration.TaskId} of {record.Image}{(record.Commit is null ? string.Empty : $" (commit {record.Commit})")}{names}";
        }
    }
}
