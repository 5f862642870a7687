namespace TikTimer.Delivery.Aws.Logs;

/// <summary>Log groups whose names start with a prefix; CloudWatch has no lookup by exact name.</summary>
public sealed record DescribeLogGroupsRequest
{
    public string? LogGroupNamePrefix { get; init; }

    public string? NextToken { get; init; }

    /// <summary>1 to 50 (CloudWatch's default and maximum is 50).</summary>
    public int? Limit { get; init; }
}

public sealed record DescribeLogGroupsResponse
{
    public IReadOnlyList<LogGroup> LogGroups { get; init; } = [];

    public string? NextToken { get; init; }
}

public sealed record LogGroup
{
    public string LogGroupName { get; init; } = string.Empty;

    public string? Arn { get; init; }

    public int? RetentionInDays { get; init; }
}
