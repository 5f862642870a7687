namespace TikTimer.Delivery.Rollout;

/// <param name="Service">The service to update (ECS service name; local service name).</param>
/// <param name="ContainerName">The container in the task definition whose image is swapped.</param>
/// <param name="Image">The exact image, preferably by digest.</param>
public sealed record ServiceRolloutRequest(string Service, string ContainerName, string Image);
