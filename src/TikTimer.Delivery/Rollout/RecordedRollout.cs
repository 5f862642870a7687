namespace TikTimer.Delivery.Rollout;

/// <summary>
/// The platform's own verdict on our rollout (ECS's service-deployment record), when it keeps one;
/// <see cref="RolloutJudge"/> trusts it over its reading of the service's deployments.
/// </summary>
public sealed record RecordedRollout(RolloutProgress Progress, string Reason);
