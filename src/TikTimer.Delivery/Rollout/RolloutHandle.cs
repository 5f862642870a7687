namespace TikTimer.Delivery.Rollout;

/// <summary>
/// A rollout in progress: enough to find "our" deployment among the service's
/// deployments and to go back.
/// </summary>
/// <param name="Service">The service name.</param>
/// <param name="RevisionId">What is being rolled out (task-definition ARN; local image/container id).</param>
/// <param name="PreviousRevisionId">What was serving before; null for a first deployment (nothing to roll back to).</param>
/// <param name="DeploymentId">The deployment created by this update when the platform says (ECS deployment id); otherwise it is matched by revision.</param>
public sealed record RolloutHandle(string Service, string RevisionId, string? PreviousRevisionId, string? DeploymentId = null);
