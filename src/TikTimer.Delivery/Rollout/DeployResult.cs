namespace TikTimer.Delivery.Rollout;

/// <summary>Every service stable on its new revision; the handles allow a later rollback (e.g. a failed smoke test).</summary>
public sealed record DeployResult(IReadOnlyList<RolloutHandle> Rollouts);
