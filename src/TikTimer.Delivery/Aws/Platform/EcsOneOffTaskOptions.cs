namespace TikTimer.Delivery.Aws.Platform;

/// <summary>
/// Where and how the migration runs as an ECS task. <see cref="Problems"/> names every
/// value that cannot work, before anything is registered or started.
/// </summary>
public sealed record EcsOneOffTaskOptions
{
    public const string Fargate = "FARGATE";

    /// <summary>The ECS cluster (name or ARN).</summary>
    public required string Cluster { get; init; }

    /// <summary>The ECS region: named in messages and in the stop hint; logs in another region need their own client.</summary>
    public required string Region { get; init; }

    /// <summary>The container whose image is swapped, whose exit code decides, and whose logs are followed.</summary>
    public required string ContainerName { get; init; }

    /// <summary>The task's subnets (awsvpc); at least one. Private ones, so it reaches the database.</summary>
    public required IReadOnlyList<string> Subnets { get; init; }

    /// <summary>The task's security groups. Empty: the VPC's default group (ECS's behaviour).</summary>
    public IReadOnlyList<string> SecurityGroups { get; init; } = [];

    /// <summary>ENABLED only for public subnets without a NAT; default false (DISABLED).</summary>
    public bool AssignPublicIp { get; init; }

    /// <summary>FARGATE (default), EC2 or EXTERNAL; ignored when <see cref="CapacityProvider"/> is set.</summary>
    public string LaunchType { get; init; } = Fargate;

    /// <summary>A capacity provider (e.g. FARGATE_SPOT) used with weight 1 instead of the launch type. Default none.</summary>
    public string? CapacityProvider { get; init; }

    /// <summary>Fargate platform version, e.g. LATEST or 1.4.0. Null: ECS's default (LATEST). Not sent for EC2/EXTERNAL.</summary>
    public string? PlatformVersion { get; init; }

    /// <summary>TASK_DEFINITION (default): the task carries the definition's tags, for cost reports. Null: none.</summary>
    public string? PropagateTags { get; init; } = "TASK_DEFINITION";

    /// <summary>Extra tags on the task itself. Default none.</summary>
    public IReadOnlyList<Tag> Tags { get; init; } = [];

    internal bool UsesCapacityProvider => !string.IsNullOrWhiteSpace(CapacityProvider);

    internal bool IsFargate =>
        UsesCapacityProvider ? CapacityProvider!.StartsWith(Fargate, StringComparison.Ordinal) : LaunchType == Fargate;

    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(Cluster))
        {
            problems.Add("the ECS cluster is not set (--cluster).");
        }

        if (string.IsNullOrWhiteSpace(Region))
        {
            problems.Add("the AWS region is not set (--region or AWS_REGION).");
        }

        if (string.IsNullOrWhiteSpace(ContainerName))
        {
            problems.Add("the migration container name is not set.");
        }

        if (Subnets is null || Subnets.Count == 0 || Subnets.Any(string.IsNullOrWhiteSpace))
        {
            problems.Add("the migration task needs at least one subnet (--subnets or APP_SUBNET_IDS).");
        }

        if (SecurityGroups is null || SecurityGroups.Any(string.IsNullOrWhiteSpace))
        {
            problems.Add("a security group id is empty (--security-groups or APP_SECURITY_GROUP).");
        }

        if (!UsesCapacityProvider && LaunchType is not (Fargate or "EC2" or "EXTERNAL"))
        {
            problems.Add($"launch type '{LaunchType}' must be FARGATE, EC2 or EXTERNAL.");
        }

        if (PropagateTags is not (null or "TASK_DEFINITION" or "SERVICE" or "NONE"))
        {
            problems.Add($"propagate-tags '{PropagateTags}' must be TASK_DEFINITION, SERVICE or NONE.");
        }

        return problems;
    }
}
