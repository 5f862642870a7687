namespace TikTimer.Delivery.Docker;

/// <summary>
/// <c>docker build</c> options, in the shape of Cake.Docker's DockerImageBuildSettings.
/// Defaults suit this machine and CI: host networking (no bridge networks) and
/// no pull (base images are local).
/// </summary>
public sealed record DockerBuildSettings
{
    /// <summary>The Dockerfile; null means <c>Dockerfile</c> in the context directory.</summary>
    public string? File { get; init; }

    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>Not for secrets: build arguments are kept in the image history.</summary>
    public IReadOnlyDictionary<string, string> BuildArgs { get; init; } = new Dictionary<string, string>();

    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();

    /// <summary>e.g. <c>linux/amd64</c>; null leaves the daemon's default.</summary>
    public string? Platform { get; init; }

    public string? Network { get; init; } = "host";

    public bool Pull { get; init; }

    public bool NoCache { get; init; }

    public string? Target { get; init; }

    public IReadOnlyList<string> CacheFrom { get; init; } = [];
}
