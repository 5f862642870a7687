using System.Globalization;
using TikTimer.Delivery.Migrations;

namespace TikTimer.Delivery.Local;

/// <summary>
/// Where a reader of <c>docker logs --timestamps</c> is up to: the timestamp of the
/// last line returned and how many lines carried exactly that timestamp.
/// </summary>
/// <remarks>
/// <c>docker logs --since</c> includes lines at the given instant and only takes
/// 100 ns precision, so asking again from the last timestamp returns that line (and
/// any twin at the same nanosecond) once more. Skipping the lines already counted at
/// that instant, and everything older, is what makes a batch never repeat a line.
/// Serialised as <c>2026-11-24T04:07:04.604273556Z#2</c> in a <see cref="LogCursor"/>.
/// </remarks>
internal sealed record DockerLogCursor(DockerInstant Last, int SeenAtLast)
{
    public LogCursor ToLogCursor() => new($"{Last}#{SeenAtLast.ToString(CultureInfo.InvariantCulture)}");

    public static DockerLogCursor? From(LogCursor? cursor)
    {
        if (cursor is null)
        {
            return null;
        }

        var hash = cursor.Value.LastIndexOf('#');
        if (hash <= 0
            || !DockerInstant.TryParse(cursor.Value[..hash], out var last)
            || !int.TryParse(cursor.Value[(hash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var seen))
        {
            throw new ArgumentException($"'{cursor.Value}' is not a docker log cursor (expected <RFC 3339 timestamp>#<count>).", nameof(cursor));
        }

        return new DockerLogCursor(last, seen);
    }

    /// <summary>
    /// Keeps the lines after this cursor from <paramref name="lines"/> (already in log order)
    /// and returns them with the cursor that follows them.
    /// </summary>
    public static (IReadOnlyList<DockerLogLine> Lines, DockerLogCursor? Next) After(DockerLogCursor? cursor, IReadOnlyList<DockerLogLine> lines)
    {
        var fresh = new List<DockerLogLine>();
        var skipAtLast = cursor?.SeenAtLast ?? 0;
        foreach (var line in lines)
        {
            if (cursor is not null && line.Timestamp < cursor.Last)
            {
                continue;
            }

            if (cursor is not null && line.Timestamp == cursor.Last && skipAtLast > 0)
            {
                skipAtLast--;
                continue;
            }

            fresh.Add(line);
        }

        if (fresh.Count == 0)
        {
            return ([], cursor);
        }

        var newest = fresh[^1].Timestamp;
        var atNewest = lines.Count(l => l.Timestamp == newest);
        return (fresh, new DockerLogCursor(newest, atNewest));
    }
}
