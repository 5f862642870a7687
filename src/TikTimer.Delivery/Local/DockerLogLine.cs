using TikTimer.Delivery.Migrations;

namespace TikTimer.Delivery.Local;

/// <summary>One line of <c>docker logs --timestamps</c>: <c>2026-11-24T04:07:04.604273556Z message</c>.</summary>
/// <param name="Stream">0 for standard output, 1 for standard error: breaks ties between lines of the same instant the same way on every read.</param>
/// <param name="Sequence">Arrival order within its stream.</param>
internal sealed record DockerLogLine(DockerInstant Timestamp, string Message, int Stream, int Sequence)
{
    public LogLine ToLogLine() => new(Timestamp.ToDateTimeOffset(), Message);

    /// <summary>Null for a line without a leading timestamp (which docker never writes for container output).</summary>
    public static DockerLogLine? Parse(string text, int stream, int sequence)
    {
        var space = text.IndexOf(' ', StringComparison.Ordinal);
        var stamp = space < 0 ? text : text[..space];
        if (!DockerInstant.TryParse(stamp, out var instant))
        {
            return null;
        }

        return new DockerLogLine(instant, space < 0 ? string.Empty : text[(space + 1)..], stream, sequence);
    }

    /// <summary>
    /// The two streams of a read merged back into log order: by instant, then stream, then arrival.
    /// The instant is when the engine read the line, per stream, so an error line written a few
    /// microseconds after an output line can come first; docker's own <c>docker logs</c> has the same view.
    /// </summary>
    public static IReadOnlyList<DockerLogLine> Merge(IEnumerable<DockerLogLine> lines) =>
        [.. lines.OrderBy(l => l.Timestamp).ThenBy(l => l.Stream).ThenBy(l => l.Sequence)];
}
