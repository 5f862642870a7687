using System.Text.Json.Serialization;
using TikTimer.Delivery.Aws.Http;

namespace TikTimer.Delivery.Aws.Ecs;

/// <summary>An ECS service with the members a rollout watches.</summary>
public sealed record Service
{
    public string? ServiceArn { get; init; }

    public string? ServiceName { get; init; }

    public string? ClusterArn { get; init; }

    /// <summary>ACTIVE, DRAINING or INACTIVE.</summary>
    public string? Status { get; init; }

    public string? TaskDefinition { get; init; }

    public int DesiredCount { get; init; }

    public int RunningCount { get; init; }

    public int PendingCount { get; init; }

    public string? LaunchType { get; init; }

    public DeploymentConfiguration? DeploymentConfiguration { get; init; }

    public IReadOnlyList<Deployment> Deployments { get; init; } = [];

    /// <summary>Newest first, as ECS returns them.</summary>
    public IReadOnlyList<ServiceEvent> Events { get; init; } = [];
}

public sealed record Deployment
{
    public string? Id { get; init; }

    /// <summary>PRIMARY, ACTIVE or INACTIVE.</summary>
    public string? Status { get; init; }

    public string? TaskDefinition { get; init; }

    public int DesiredCount { get; init; }

    public int RunningCount { get; init; }

    public int PendingCount { get; init; }

    public int FailedTasks { get; init; }

    /// <summary>IN_PROGRESS, COMPLETED or FAILED.</summary>
    public string? RolloutState { get; init; }

    public string? RolloutStateReason { get; init; }

    [JsonConverter(typeof(EpochSecondsConverter))]
    public DateTimeOffset? CreatedAt { get; init; }

    [JsonConverter(typeof(EpochSecondsConverter))]
    public DateTimeOffset? UpdatedAt { get; init; }
}

public sealed record ServiceEvent
{
    public string? Id { get; init; }

    [JsonConverter(typeof(EpochSecondsConverter))]
    public DateTimeOffset? CreatedAt { get; init; }

    public string? Message { get; init; }
}

public sealed record DeploymentConfiguration
{
    public DeploymentCircuitBreaker? DeploymentCircuitBreaker { get; init; }

    public int? MaximumPercent { get; init; }

    public int? MinimumHealthyPercent { get; init; }
}

public sealed record DeploymentCircuitBreaker(bool Enable, bool Rollback);
