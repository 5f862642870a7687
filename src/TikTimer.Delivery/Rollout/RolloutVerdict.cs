namespace TikTimer.Delivery.Rollout;

public enum RolloutProgress
{
    InProgress,
    Stable,
    Failed,

    /// <summary>Another release replaced ours while it rolled out: a failure, but rolling back would undo theirs.</summary>
    Superseded,
}

/// <param name="Ours">The deployment created by this rollout, when it is still there.</param>
public sealed record RolloutVerdict(RolloutProgress Progress, string Reason, DeploymentSnapshot? Ours)
{
    public bool IsFinal => Progress != RolloutProgress.InProgress;
}
