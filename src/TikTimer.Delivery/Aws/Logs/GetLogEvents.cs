namespace TikTimer.Delivery.Aws.Logs;

public sealed record GetLogEventsRequest(string LogGroupName, string LogStreamName)
{
    /// <summary>True to read oldest first; required when following nextForwardToken from the start.</summary>
    public bool? StartFromHead { get; init; }

    public string? NextToken { get; init; }

    /// <summary>Epoch milliseconds.</summary>
    public long? StartTime { get; init; }

    /// <summary>Epoch milliseconds.</summary>
    public long? EndTime { get; init; }

    public int? Limit { get; init; }
}

public sealed record GetLogEventsResponse
{
    public IReadOnlyList<OutputLogEvent> Events { get; init; } = [];

    /// <summary>Pass back to read newer events; it repeats itself when there is nothing newer yet.</summary>
    public string? NextForwardToken { get; init; }

    public string? NextBackwardToken { get; init; }
}

public sealed record OutputLogEvent
{
    /// <summary>Epoch milliseconds.</summary>
    public long Timestamp { get; init; }

    public string Message { get; init; } = string.Empty;

    public long? IngestionTime { get; init; }

    public DateTimeOffset Time => DateTimeOffset.FromUnixTimeMilliseconds(Timestamp);
}
