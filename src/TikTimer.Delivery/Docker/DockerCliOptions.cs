namespace TikTimer.Delivery.Docker;

/// <summary>How to reach the docker client.</summary>
public sealed record DockerCliOptions
{
    /// <summary>The <c>docker-path</c> setting; null finds <c>docker</c> on PATH.</summary>
    public string? ExecutablePath { get; init; }

    /// <summary>
    /// <c>DOCKER_CONFIG</c> for every call: where <c>docker login</c> stores
    /// credentials. Null uses the user's own (<c>~/.docker</c>).
    /// </summary>
    public string? ConfigDirectory { get; init; }

    /// <summary>Added to every call's environment (registry credentials, <see cref="DockerCredentialScope"/>).</summary>
    public IReadOnlyDictionary<string, string?> Environment { get; init; } = new Dictionary<string, string?>();

    /// <summary>The pipeline step named in failure messages.</summary>
    public string Step { get; init; } = "docker";
}
