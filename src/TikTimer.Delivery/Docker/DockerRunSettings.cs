namespace TikTimer.Delivery.Docker;

/// <summary>
/// <c>docker run</c> options. Environment values never appear in the argument
/// list: each variable is passed as <c>-e NAME</c> and its value through the
/// docker client's own environment, which the client forwards.
/// </summary>
public sealed record DockerRunSettings
{
    public DockerRunSettings(string image)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(image);
        Image = image;
    }

    public string Image { get; }

    public string? Name { get; init; }

    /// <summary>Detached runs return the container id at once; attached runs wait and return its exit code.</summary>
    public bool Detach { get; init; }

    public string? Network { get; init; } = "host";

    /// <summary><c>--rm</c>: remove the container when it exits.</summary>
    public bool Remove { get; init; }

    /// <summary>Variables for the container; the values may be secrets.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>A file of NAME=value lines, for values that already live in a file.</summary>
    public string? EnvFile { get; init; }

    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();

    public string? Entrypoint { get; init; }

    /// <summary>Arguments after the image: the container's command.</summary>
    public IReadOnlyList<string> Command { get; init; } = [];
}
