namespace TikTimer.Delivery.Migrations;

/// <summary>Where a log reader is up to; opaque (CloudWatch forward token, docker timestamp).</summary>
public sealed record LogCursor(string Value);

public sealed record LogLine(DateTimeOffset Timestamp, string Message);

/// <param name="Lines">New lines, oldest first.</param>
/// <param name="Next">Cursor for the next read; null when there was nothing to read yet.</param>
public sealed record LogBatch(IReadOnlyList<LogLine> Lines, LogCursor? Next)
{
    public static LogBatch Empty(LogCursor? cursor) => new([], cursor);
}
