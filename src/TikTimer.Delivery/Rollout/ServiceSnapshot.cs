namespace TikTimer.Delivery.Rollout;

/// <summary>A service as last described: its deployments and its recent events (any order).</summary>
public sealed record ServiceSnapshot(string Service, IReadOnlyList<DeploymentSnapshot> Deployments, IReadOnlyList<ServiceEvent> Events);
