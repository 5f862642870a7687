using System.Text.Json.Serialization;
using TikTimer.Delivery.Aws.Http;

namespace TikTimer.Delivery.Aws.Ecs;

/// <summary>An ECS task (AWS's <c>Task</c>, renamed to stay clear of System.Threading.Tasks.Task).</summary>
public sealed record EcsTask
{
    public string? TaskArn { get; init; }

    public string? ClusterArn { get; init; }

    public string? TaskDefinitionArn { get; init; }

    /// <summary>PROVISIONING, PENDING, ACTIVATING, RUNNING, DEACTIVATING, STOPPING, DEPROVISIONING, STOPPED.</summary>
    public string? LastStatus { get; init; }

    public string? DesiredStatus { get; init; }

    /// <summary>TaskFailedToStart, EssentialContainerExited, UserInitiated, ...</summary>
    public string? StopCode { get; init; }

    public string? StoppedReason { get; init; }

    public string? StartedBy { get; init; }

    public string? Group { get; init; }

    public string? LaunchType { get; init; }

    [JsonConverter(typeof(EpochSecondsConverter))]
    public DateTimeOffset? CreatedAt { get; init; }

    [JsonConverter(typeof(EpochSecondsConverter))]
    public DateTimeOffset? StartedAt { get; init; }

    [JsonConverter(typeof(EpochSecondsConverter))]
    public DateTimeOffset? StoppingAt { get; init; }

    [JsonConverter(typeof(EpochSecondsConverter))]
    public DateTimeOffset? StoppedAt { get; init; }

    public IReadOnlyList<Container> Containers { get; init; } = [];

    public IReadOnlyList<Tag> Tags { get; init; } = [];

    /// <summary>The last part of the ARN, as used in awslogs stream names.</summary>
    public string? TaskId => TaskArn?[(TaskArn.LastIndexOf('/') + 1)..];
}

public sealed record Container
{
    public string? ContainerArn { get; init; }

    public string? Name { get; init; }

    public string? Image { get; init; }

    public string? LastStatus { get; init; }

    /// <summary>Null until the container has exited (and when it never started).</summary>
    public int? ExitCode { get; init; }

    public string? Reason { get; init; }

    public string? RuntimeId { get; init; }
}

/// <summary>A resource ECS could not act on (e.g. reason MISSING for an unknown service).</summary>
public sealed record Failure
{
    public string? Arn { get; init; }

    public string? Reason { get; init; }

    public string? Detail { get; init; }
}
