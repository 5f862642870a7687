using System.Text.Json.Serialization;
using TikTimer.Delivery.Aws.Http;

namespace TikTimer.Delivery.Aws.Ecs;

// ListServiceDeployments, DescribeServiceDeployments and DescribeServiceRevisions (ECS, late 2024):
// each rollout of a service as a record of its own, with the circuit breaker's and alarms' view.

public sealed record ListServiceDeploymentsRequest(string Service)
{
    public string? Cluster { get; init; }

    /// <summary>PENDING, IN_PROGRESS, SUCCESSFUL, STOPPED, ROLLBACK_* ... (empty: all).</summary>
    public IReadOnlyList<string>? Status { get; init; }

    public CreatedAtFilter? CreatedAt { get; init; }

    public int? MaxResults { get; init; }

    public string? NextToken { get; init; }
}

public sealed record CreatedAtFilter
{
    [JsonConverter(typeof(EpochSecondsConverter))]
    public DateTimeOffset? After { get; init; }
}

public sealed record ListServiceDeploymentsResponse
{
    public IReadOnlyList<ServiceDeploymentBrief> ServiceDeployments { get; init; } = [];

    public string? NextToken { get; init; }
}

public sealed record ServiceDeploymentBrief
{
    public string? ServiceDeploymentArn { get; init; }

    public string? ServiceArn { get; init; }

    public string? TargetServiceRevisionArn { get; init; }

    public string? Status { get; init; }

    public string? StatusReason { get; init; }

    [JsonConverter(typeof(EpochSecondsConverter))]
    public DateTimeOffset? CreatedAt { get; init; }
}

public sealed record DescribeServiceDeploymentsRequest(IReadOnlyList<string> ServiceDeploymentArns);

public sealed record DescribeServiceDeploymentsResponse
{
    public IReadOnlyList<ServiceDeployment> ServiceDeployments { get; init; } = [];

    public IReadOnlyList<Failure> Failures { get; init; } = [];
}

public sealed record ServiceDeployment
{
    public string? ServiceDeploymentArn { get; init; }

    public string? Status { get; init; }

    public string? StatusReason { get; init; }

    public string? LifecycleStage { get; init; }

    public ServiceRevisionSummary? TargetServiceRevision { get; init; }

    public IReadOnlyList<ServiceRevisionSummary> SourceServiceRevisions { get; init; } = [];

    public ServiceDeploymentCircuitBreaker? DeploymentCircuitBreaker { get; init; }

    public ServiceDeploymentAlarms? Alarms { get; init; }

    public Rollback? Rollback { get; init; }

    [JsonConverter(typeof(EpochSecondsConverter))]
    public DateTimeOffset? CreatedAt { get; init; }

    [JsonConverter(typeof(EpochSecondsConverter))]
    public DateTimeOffset? FinishedAt { get; init; }
}

public sealed record ServiceRevisionSummary
{
    public string? Arn { get; init; }

    public int RequestedTaskCount { get; init; }

    public int RunningTaskCount { get; init; }

    public int PendingTaskCount { get; init; }
}

public sealed record ServiceDeploymentCircuitBreaker
{
    /// <summary>TRIGGERED, MONITORING, MONITORING_COMPLETE, DISABLED.</summary>
    public string? Status { get; init; }

    public int FailureCount { get; init; }

    public int Threshold { get; init; }
}

public sealed record ServiceDeploymentAlarms
{
    public string? Status { get; init; }

    public IReadOnlyList<string> AlarmNames { get; init; } = [];

    public IReadOnlyList<string> TriggeredAlarmNames { get; init; } = [];
}

public sealed record Rollback
{
    public string? Reason { get; init; }

    public string? ServiceRevisionArn { get; init; }
}

public sealed record DescribeServiceRevisionsRequest(IReadOnlyList<string> ServiceRevisionArns);

public sealed record DescribeServiceRevisionsResponse
{
    public IReadOnlyList<ServiceRevision> ServiceRevisions { get; init; } = [];

    public IReadOnlyList<Failure> Failures { get; init; } = [];
}

public sealed record ServiceRevision
{
    public string? ServiceRevisionArn { get; init; }

    public string? TaskDefinition { get; init; }

    public IReadOnlyList<ContainerImage> ContainerImages { get; init; } = [];
}

public sealed record ContainerImage
{
    public string? ContainerName { get; init; }

    public string? ImageDigest { get; init; }

    public string? Image { get; init; }
}
