namespace TikTimer.Delivery.Rollout;

/// <summary>ECS deployment <c>rolloutState</c>; FAILED is the deployment circuit breaker's verdict.</summary>
public enum RolloutState
{
    InProgress,
    Completed,
    Failed,
}
