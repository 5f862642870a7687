using TikTimer.Delivery.Records;

namespace TikTimer.Delivery.Status;

/// <summary>What Status reports: the services, the last migration and how they compare with the last successful delivery.</summary>
/// <param name="LastDelivery">The newest successful delivery record of the environment, or null when there is none.</param>
public sealed record StatusReport(
    string Environment,
    IReadOnlyList<ServiceStatus> Services,
    string MigrationFamily,
    OneOffTaskRun? LastMigration,
    DeliveryRecord? LastDelivery)
{
    /// <summary>
    /// Per service: true when it serves the digest the last successful delivery recorded, false when
    /// it serves something else, null when there is no record (or the service serves no digest) to compare with.
    /// </summary>
    public bool? MatchesLastDelivery(ServiceStatus service)
    {
        ArgumentNullException.ThrowIfNull(service);
        if (LastDelivery?.Image is null || service.Image is null)
        {
            return null;
        }

        // The digest is the image whatever repository name it is reached by; a tag only by its reference.
        return service.Digest is { } digest && LastDelivery.Digest is { } recorded
            ? string.Equals(digest, recorded, StringComparison.Ordinal)
            : string.Equals(service.Image, LastDelivery.Image, StringComparison.Ordinal);
    }

    /// <summary>The commit of what serves: the image's own label, else the record of the delivery that pushed that digest.</summary>
    public static string? CommitOf(ServiceStatus service, IEnumerable<DeliveryRecord> history)
    {
        ArgumentNullException.ThrowIfNull(service);
        return service.Commit ?? history.FirstOrDefault(r => r.Digest is not null && r.Digest == service.Digest && r.Commit is not null)?.Commit;
    }

    public IEnumerable<string> Lines()
    {
        yield return $"Status of environment '{Environment}':";
        foreach (var service in Services)
        {
            yield return $"  {service.Service}: {(service.Revision is null ? "nothing serves" : $"revision {service.Revision}")}, {service.RunningCount}/{service.DesiredCount} running";
            if (service.Image is not null)
            {
                yield return $"    image {service.Image}{(service.Commit is null ? string.Empty : $" (commit {service.Commit})")}";
            }

            foreach (var rolling in service.InProgress)
            {
                yield return $"    in progress: {rolling}";
            }

            yield return "    " + (MatchesLastDelivery(service) switch
            {
                true => $"serves the image of the last successful delivery ({LastDelivery!.FinishedAt:u})",
                false => $"DIFFERS from the last successful delivery ({LastDelivery!.Image}, {LastDelivery.FinishedAt:u})",
                null => LastDelivery is null ? "no successful delivery recorded in .artifacts/deliveries/" : "no image to compare with the last delivery",
            });
        }

        yield return LastMigration is { } m
            ? $"  migration {MigrationFamily}: last task {m.TaskId} {m.State}{(m.ExitCode is { } code ? $", exit code {code}" : string.Empty)}{(m.At is { } at ? $", {at:u}" : string.Empty)} ({m.Image})"
            : $"  migration {MigrationFamily}: no task of the family is known to the platform";
    }
}
