using TikTimer.Delivery.Docker;

namespace TikTimer.Delivery.Local;

/// <summary>Reads a container's timestamped log lines from an instant on, both streams merged in log order.</summary>
internal static class DockerLogReader
{
    public static async Task<IReadOnlyList<DockerLogLine>> ReadAsync(DockerCli docker, string container, DockerLogCursor? after, CancellationToken cancellationToken)
    {
        var lines = new List<DockerLogLine>();
        var sequence = new int[2];
        void Collect(string text, int stream)
        {
            // The process runner delivers the two streams on their own threads.
            lock (lines)
            {
                if (DockerLogLine.Parse(text, stream, sequence[stream]++) is { } line)
                {
                    lines.Add(line);
                }
            }
        }

        var settings = new DockerLogsSettings { Timestamps = true, Since = after?.Last.JustBefore() };
        await docker.LogsAsync(container, settings, t => Collect(t, 0), t => Collect(t, 1), cancellationToken).ConfigureAwait(false);
        lock (lines)
        {
            return DockerLogLine.Merge(lines);
        }
    }
}
