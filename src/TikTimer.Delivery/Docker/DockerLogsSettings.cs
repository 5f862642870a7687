namespace TikTimer.Delivery.Docker;

/// <summary><c>docker logs</c> options.</summary>
public sealed record DockerLogsSettings
{
    /// <summary>Only lines after this instant (passed as RFC 3339), so a poller does not repeat itself.</summary>
    public DateTimeOffset? Since { get; init; }

    /// <summary>Keep streaming until the container stops or the call is cancelled.</summary>
    public bool Follow { get; init; }

    /// <summary>Prefix each line with its RFC 3339 timestamp (useful as a cursor).</summary>
    public bool Timestamps { get; init; }
}
