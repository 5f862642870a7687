namespace TikTimer.Delivery.Aws.Ecs;

/// <param name="Tasks">Up to 100 task ids or ARNs.</param>
public sealed record DescribeTasksRequest(string Cluster, IReadOnlyList<string> Tasks)
{
    /// <summary>["TAGS"] to include the tasks' tags.</summary>
    public IReadOnlyList<string>? Include { get; init; }
}

public sealed record DescribeTasksResponse
{
    public IReadOnlyList<EcsTask> Tasks { get; init; } = [];

    public IReadOnlyList<Failure> Failures { get; init; } = [];
}
