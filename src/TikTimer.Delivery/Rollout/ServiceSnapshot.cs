namespace TikTimer.Delivery.Rollout;

/// <summary>A service as last described: its deployments and its recent events (any order).</summary>
/// <param name="Recorded">The platform's record of our rollout, when it keeps one (ECS service deployments).</param>
public sealed record ServiceSnapshot(string Service, IReadOnlyList<DeploymentSnapshot> Deployments, IReadOnlyList<ServiceEvent> Events, RecordedRollout? Recorded = null);
