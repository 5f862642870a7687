namespace TikTimer.Delivery.Rollout;

/// <summary>ECS deployment status: PRIMARY is the one the service is moving to, ACTIVE ones are still draining.</summary>
public enum DeploymentStatus
{
    Primary,
    Active,
    Inactive,
}
