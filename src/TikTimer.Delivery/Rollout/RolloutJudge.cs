namespace TikTimer.Delivery.Rollout;

/// <summary>
/// Decides whether a rollout is stable, failed or still in progress. Pure, so each
/// outcome is tested once with a canned snapshot.
/// </summary>
/// <remarks>
/// The AWS ServicesStable waiter only checks "one deployment, running == desired",
/// so it reports success when the circuit breaker has rolled the service back to
/// the OLD revision. Here stability is about our deployment: it must be PRIMARY,
/// COMPLETED (when rolloutState is reported), at full count, and alone. A FAILED
/// rolloutState is a failure whatever else the service looks like.
/// The platform's own record of the rollout (<see cref="ServiceSnapshot.Recorded"/>) outranks
/// that reading when it says failed, replaced or in progress; when it says successful, the
/// service must also be settled on our revision (a record says what ECS did, not what serves now).
/// </remarks>
public static class RolloutJudge
{
    public static RolloutVerdict Judge(RolloutHandle rollout, ServiceSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(rollout);
        ArgumentNullException.ThrowIfNull(snapshot);

        var ours = FindOurs(rollout, snapshot);
        if (snapshot.Recorded is not { } recorded)
        {
            return JudgeDeployments(rollout, snapshot, ours);
        }

        if (recorded.Progress != RolloutProgress.Stable)
        {
            return new RolloutVerdict(recorded.Progress, recorded.Reason, ours);
        }

        var serving = JudgeDeployments(rollout, snapshot, ours);
        return serving.Progress == RolloutProgress.Stable
            ? serving with { Reason = $"{recorded.Reason}; {serving.Reason}" }
            : serving with { Reason = $"{recorded.Reason}, but {serving.Reason}" };
    }

    private static RolloutVerdict JudgeDeployments(RolloutHandle rollout, ServiceSnapshot snapshot, DeploymentSnapshot? ours)
    {
        if (ours is null)
        {
            // Gone with the previous revision primary again: a rollback (circuit breaker, by hand).
            // Gone with a third revision primary: someone else's release replaced ours.
            var primary = snapshot.Deployments.FirstOrDefault(d => d.Status == DeploymentStatus.Primary);
            return primary is not null && primary.RevisionId != rollout.PreviousRevisionId && primary.RevisionId != rollout.RevisionId
                ? Superseded($"another deployment replaced ours: {primary.RevisionId} is now the primary deployment and {rollout.RevisionId} is gone", null)
                : Failed($"the deployment of {rollout.RevisionId} is gone from the service (rolled back?)", null);
        }

        if (ours.RolloutState == RolloutState.Failed)
        {
            return Failed($"deployment {ours.Id} failed: {ours.RolloutStateReason ?? "rolloutState FAILED"} (circuit breaker)", ours);
        }

        if (ours.Status != DeploymentStatus.Primary)
        {
            var primary = snapshot.Deployments.FirstOrDefault(d => d.Status == DeploymentStatus.Primary);
            return primary is not null && primary.RevisionId == rollout.PreviousRevisionId
                ? Failed($"deployment {ours.Id} is no longer the primary deployment (status {ours.Status}); the service went back to {primary.RevisionId}", ours)
                : Superseded($"another deployment replaced ours: deployment {ours.Id} is no longer the primary deployment (status {ours.Status}){(primary is null ? string.Empty : $"; {primary.RevisionId} is the primary deployment now")}", ours);
        }

        if (ours.RunningCount != ours.DesiredCount)
        {
            return InProgress($"{ours.RunningCount} of {ours.DesiredCount} task(s) running", ours);
        }

        if (ours.RolloutState == RolloutState.InProgress)
        {
            return InProgress("rollout in progress", ours);
        }

        var others = snapshot.Deployments.Count(d => d != ours && d.Status != DeploymentStatus.Inactive);
        if (others > 0)
        {
            return InProgress($"{others} older deployment(s) still draining", ours);
        }

        return new RolloutVerdict(RolloutProgress.Stable, $"deployment {ours.Id} is stable with {ours.RunningCount} task(s) running", ours);
    }

    private static DeploymentSnapshot? FindOurs(RolloutHandle rollout, ServiceSnapshot snapshot)
    {
        if (rollout.DeploymentId is not null)
        {
            return snapshot.Deployments.FirstOrDefault(d => string.Equals(d.Id, rollout.DeploymentId, StringComparison.Ordinal));
        }

        // A rollback to a revision can leave two deployments of it; the primary one is ours.
        return snapshot.Deployments
            .Where(d => string.Equals(d.RevisionId, rollout.RevisionId, StringComparison.Ordinal))
            .OrderBy(d => d.Status)
            .FirstOrDefault();
    }

    private static RolloutVerdict Failed(string reason, DeploymentSnapshot? ours) => new(RolloutProgress.Failed, reason, ours);

    private static RolloutVerdict Superseded(string reason, DeploymentSnapshot? ours) => new(RolloutProgress.Superseded, reason, ours);

    private static RolloutVerdict InProgress(string reason, DeploymentSnapshot ours) => new(RolloutProgress.InProgress, reason, ours);
}
