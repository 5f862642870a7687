namespace TikTimer.Delivery.Configuration;

public enum DeliveryPlatform
{
    /// <summary>Docker engine, a local registry and PostgreSQL on this machine.</summary>
    Local,

    /// <summary>ECR, ECS Fargate and CloudWatch Logs.</summary>
    Aws,
}
