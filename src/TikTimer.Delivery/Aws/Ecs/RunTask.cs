namespace TikTimer.Delivery.Aws.Ecs;

/// <summary>RunTask; set either <see cref="LaunchType"/> or <see cref="CapacityProviderStrategy"/>.</summary>
public sealed record RunTaskRequest
{
    public required string Cluster { get; init; }

    /// <summary>family, family:revision or full ARN.</summary>
    public required string TaskDefinition { get; init; }

    public int? Count { get; init; }

    /// <summary>FARGATE, EC2 or EXTERNAL.</summary>
    public string? LaunchType { get; init; }

    public IReadOnlyList<CapacityProviderStrategyItem>? CapacityProviderStrategy { get; init; }

    public string? PlatformVersion { get; init; }

    public NetworkConfiguration? NetworkConfiguration { get; init; }

    public TaskOverride? Overrides { get; init; }

    /// <summary>Up to 128 characters; ListTasks can filter on it.</summary>
    public string? StartedBy { get; init; }

    public string? Group { get; init; }

    /// <summary>TASK_DEFINITION or SERVICE.</summary>
    public string? PropagateTags { get; init; }

    public IReadOnlyList<Tag>? Tags { get; init; }

    public bool? EnableExecuteCommand { get; init; }
}

public sealed record RunTaskResponse
{
    public IReadOnlyList<EcsTask> Tasks { get; init; } = [];

    public IReadOnlyList<Failure> Failures { get; init; } = [];
}

public sealed record CapacityProviderStrategyItem(string CapacityProvider)
{
    public int? Weight { get; init; }

    public int? Base { get; init; }
}

public sealed record NetworkConfiguration(AwsVpcConfiguration AwsvpcConfiguration);

public sealed record AwsVpcConfiguration(IReadOnlyList<string> Subnets)
{
    public IReadOnlyList<string>? SecurityGroups { get; init; }

    /// <summary>ENABLED or DISABLED.</summary>
    public string? AssignPublicIp { get; init; }
}

public sealed record TaskOverride
{
    public IReadOnlyList<ContainerOverride>? ContainerOverrides { get; init; }
}

public sealed record ContainerOverride(string Name)
{
    public IReadOnlyList<string>? Command { get; init; }

    public IReadOnlyList<KeyValuePair>? Environment { get; init; }
}

/// <summary>An environment variable in a container override (AWS's KeyValuePair).</summary>
public sealed record KeyValuePair(string Name, string Value);
