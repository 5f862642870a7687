using System.Globalization;
using TikTimer.Delivery.Reporting;

namespace TikTimer.Delivery.Rollout;

/// <summary>
/// Prints a service's events once each, oldest first, across polls, and our
/// deployment's counts whenever they change, so a stuck rollout explains itself.
/// </summary>
internal sealed class ServiceEventPrinter(string service, IDeliveryLog log)
{
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);
    private string? _lastCounts;

    public void Print(ServiceSnapshot snapshot, RolloutVerdict verdict)
    {
        // ECS keeps the last 100 events; the ones from before this rollout are old news.
        var since = verdict.Ours?.CreatedAt;
        foreach (var serviceEvent in snapshot.Events.OrderBy(e => e.CreatedAt))
        {
            if (_seen.Add(serviceEvent.Id) && (since is null || serviceEvent.CreatedAt >= since))
            {
                log.Information($"  [{service}] {serviceEvent.CreatedAt.ToString("HH:mm:ss", CultureInfo.InvariantCulture)} {serviceEvent.Message}");
            }
        }

        var counts = Counts(snapshot, verdict);
        if (counts is not null && !string.Equals(counts, _lastCounts, StringComparison.Ordinal))
        {
            log.Information(counts);
            _lastCounts = counts;
        }
    }

    private string? Counts(ServiceSnapshot snapshot, RolloutVerdict verdict)
    {
        if (verdict.Ours is not { } d)
        {
            return null;
        }

        var state = d.RolloutState switch
        {
            RolloutState.InProgress => " IN_PROGRESS",
            RolloutState.Completed => " COMPLETED",
            RolloutState.Failed => " FAILED",
            _ => string.Empty,
        };
        var others = snapshot.Deployments.Count(o => o != d && o.Status != DeploymentStatus.Inactive);
        var draining = others == 0 ? string.Empty : $"; {others} other deployment(s) draining";
        return $"{service}: deployment {d.Id}{state}: running {d.RunningCount}/{d.DesiredCount}, pending {d.PendingCount}, failed {d.FailedCount}{draining}";
    }
}
