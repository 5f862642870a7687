namespace TikTimer.Delivery.Aws.Platform;

/// <summary>Where the services to roll out live.</summary>
public sealed record EcsServiceRolloutOptions
{
    /// <summary>The ECS cluster (name or ARN) of every service rolled out.</summary>
    public required string Cluster { get; init; }

    public IReadOnlyList<string> Problems() =>
        string.IsNullOrWhiteSpace(Cluster) ? ["the ECS cluster is not set (--cluster)."] : [];
}
