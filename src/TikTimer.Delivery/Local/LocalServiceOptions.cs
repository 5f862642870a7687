using TikTimer.Delivery.Validation;

namespace TikTimer.Delivery.Local;

/// <summary>
/// How <see cref="LocalServiceRolloutPlatform"/> runs services blue/green on the loopback:
/// the new container starts on whichever of the two <see cref="Ports"/> the serving one
/// does not use, and replaces it once its health check answers 200. Defaults documented;
/// <see cref="Validate"/> names every bad value.
/// </summary>
public sealed record LocalServiceOptions
{
    /// <summary>The two loopback ports the service alternates between. Default 18080 and 18081 (the <c>local-ports</c> setting).</summary>
    public IReadOnlyList<int> Ports { get; init; } = [18080, 18081];

    /// <summary>Containers are named <c>&lt;prefix&gt;-&lt;service&gt;-&lt;8 hex digits&gt;</c>. Default <c>tiktimer</c>.</summary>
    public string ContainerNamePrefix { get; init; } = "tiktimer";

    /// <summary>
    /// Given to each service container as <c>DATABASE_URL</c>, a SECRET: registered with the log and
    /// passed through the docker client's environment, never its arguments (docker keeps it in the
    /// container's <c>Config.Env</c>). Null passes nothing.
    /// </summary>
    public string? DatabaseUrl { get; init; }

    /// <summary>
    /// The variable that tells the container where to listen; its value is <c>http://127.0.0.1:&lt;port&gt;</c>.
    /// Default <c>ASPNETCORE_URLS</c>, what TikTimer.Api reads.
    /// </summary>
    public string UrlVariable { get; init; } = "ASPNETCORE_URLS";

    /// <summary>
    /// The variable that carries the bare port number, the convention of Cloud Run, Heroku and
    /// most frameworks (uvicorn, gunicorn, Express, Rails). Default <c>PORT</c>; set beside
    /// <see cref="UrlVariable"/>, so any service learns where to listen.
    /// </summary>
    public string PortVariable { get; init; } = "PORT";

    /// <summary>The health endpoint: 200 means healthy. Default <c>/health</c>.</summary>
    public string HealthPath { get; init; } = "/health";

    /// <summary>
    /// How long after its start a running container may stay unhealthy before the rollout counts
    /// as FAILED, like an ECS deployment circuit breaker. Default 60 s; range 1 s to 30 min.
    /// </summary>
    public TimeSpan HealthGrace { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>One health request. Default 2 s; range 100 ms to 1 min.</summary>
    public TimeSpan HealthRequestTimeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>How long <c>docker stop</c> waits after SIGTERM before SIGKILL. Default 10 s; range 0 s to 5 min.</summary>
    public TimeSpan StopGrace { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How many of a failed container's last log lines are reported as service events. Default 10; range 0 to 200.</summary>
    public int FailureLogLines { get; init; } = 10;

    /// <summary>
    /// Where the local platform keeps what docker cannot hold: which container passed the last
    /// smoke test (a container's labels cannot change). Default <c>$XDG_STATE_HOME/tiktimer/local</c>
    /// (<c>~/.local/state/tiktimer/local</c>).
    /// </summary>
    public string StateDirectory { get; init; } = DefaultStateDirectory;

    public static string DefaultStateDirectory =>
        Path.Combine(
            System.Environment.GetEnvironmentVariable("XDG_STATE_HOME") is { Length: > 0 } state
                ? state
                : Path.Combine(System.Environment.GetFolderPath(System.Environment.SpecialFolder.UserProfile), ".local", "state"),
            "tiktimer",
            "local");

    /// <summary>Docker network mode. Default <c>host</c>: the container listens on the loopback directly.</summary>
    public string Network { get; init; } = "host";

    /// <summary>The port a new container listens on: whichever of <see cref="Ports"/> the serving one does not use.</summary>
    public int NextPort(int? servingPort) => servingPort == Ports[0] ? Ports[1] : Ports[0];

    public override string ToString() =>
        $"LocalServiceOptions {{ Ports = [{string.Join(", ", Ports)}], ContainerNamePrefix = {ContainerNamePrefix}, DatabaseUrl = {(DatabaseUrl is null ? "(none)" : "***")}, UrlVariable = {UrlVariable}, PortVariable = {PortVariable}, HealthPath = {HealthPath}, HealthGrace = {HealthGrace} }}";

    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(Ports);
        if (Ports.Count != 2 || Ports[0] == Ports[1] || Ports.Any(p => p is < 1 or > 65535))
        {
            throw new ArgumentException($"Ports must be two different TCP ports (1-65535), e.g. 18080 and 18081; got [{string.Join(", ", Ports)}].", nameof(Ports));
        }

        LocalNames.RequirePrefix(ContainerNamePrefix, nameof(ContainerNamePrefix));
        if (DatabaseUrl is { Length: 0 })
        {
            throw new ArgumentException("DatabaseUrl must be null or a non-empty URL.", nameof(DatabaseUrl));
        }

        ArgumentException.ThrowIfNullOrWhiteSpace(UrlVariable);
        ArgumentException.ThrowIfNullOrWhiteSpace(PortVariable);
        ArgumentException.ThrowIfNullOrWhiteSpace(Network);
        if (string.IsNullOrEmpty(HealthPath) || HealthPath[0] != '/')
        {
            throw new ArgumentException($"HealthPath '{HealthPath}' must start with '/'.", nameof(HealthPath));
        }

        OptionRange.Check(HealthGrace, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(30), nameof(LocalServiceOptions), nameof(HealthGrace));
        OptionRange.Check(HealthRequestTimeout, TimeSpan.FromMilliseconds(100), TimeSpan.FromMinutes(1), nameof(LocalServiceOptions), nameof(HealthRequestTimeout));
        OptionRange.Check(StopGrace, TimeSpan.Zero, TimeSpan.FromMinutes(5), nameof(LocalServiceOptions), nameof(StopGrace));
        OptionRange.Check(FailureLogLines, 0, 200, nameof(LocalServiceOptions), nameof(FailureLogLines));
    }
}
