namespace TikTimer.Delivery.Aws.Logs;

public sealed record FilterLogEventsRequest(string LogGroupName)
{
    public IReadOnlyList<string>? LogStreamNames { get; init; }

    public string? LogStreamNamePrefix { get; init; }

    /// <summary>Epoch milliseconds.</summary>
    public long? StartTime { get; init; }

    /// <summary>Epoch milliseconds.</summary>
    public long? EndTime { get; init; }

    public string? FilterPattern { get; init; }

    public string? NextToken { get; init; }

    public int? Limit { get; init; }
}

public sealed record FilterLogEventsResponse
{
    public IReadOnlyList<FilteredLogEvent> Events { get; init; } = [];

    public string? NextToken { get; init; }
}

public sealed record FilteredLogEvent
{
    public string? LogStreamName { get; init; }

    /// <summary>Epoch milliseconds.</summary>
    public long Timestamp { get; init; }

    public string Message { get; init; } = string.Empty;

    public long? IngestionTime { get; init; }

    public string? EventId { get; init; }

    public DateTimeOffset Time => DateTimeOffset.FromUnixTimeMilliseconds(Timestamp);
}
