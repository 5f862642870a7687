namespace TikTimer.Delivery.Aws.Ecs;

public sealed record ListTasksRequest(string Cluster)
{
    public string? Family { get; init; }

    public string? StartedBy { get; init; }

    public string? ServiceName { get; init; }

    /// <summary>RUNNING (the AWS default), PENDING or STOPPED.</summary>
    public string? DesiredStatus { get; init; }

    /// <summary>1 to 100.</summary>
    public int? MaxResults { get; init; }

    public string? NextToken { get; init; }
}

public sealed record ListTasksResponse
{
    public IReadOnlyList<string> TaskArns { get; init; } = [];

    public string? NextToken { get; init; }
}
