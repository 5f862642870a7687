namespace TikTimer.Delivery.Rollout;

/// <summary>One deployment of a service, as last described.</summary>
/// <param name="RolloutState">Null when the service does not report it (then counts alone decide).</param>
/// <param name="CreatedAt">When the deployment was created; service events older than ours are not reprinted.</param>
public sealed record DeploymentSnapshot(
    string Id,
    DeploymentStatus Status,
    string RevisionId,
    int DesiredCount,
    int RunningCount,
    int PendingCount = 0,
    int FailedCount = 0,
    RolloutState? RolloutState = null,
    string? RolloutStateReason = null,
    DateTimeOffset? CreatedAt = null);
