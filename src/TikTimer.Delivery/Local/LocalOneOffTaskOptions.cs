namespace TikTimer.Delivery.Local;

/// <summary>
/// How <see cref="LocalOneOffTaskPlatform"/> runs a one-off task (the migration) as a
/// container on the local Docker engine. Defaults documented; <see cref="Validate"/>
/// names every bad value.
/// </summary>
public sealed record LocalOneOffTaskOptions
{
    /// <summary>
    /// Containers are named <c>&lt;prefix&gt;-&lt;8 hex digits&gt;</c>. Default <c>tiktimer-migrate</c>;
    /// lower-case letters, digits and dashes.
    /// </summary>
    public string ContainerNamePrefix { get; init; } = "tiktimer-migrate";

    /// <summary>
    /// Given to the container as <c>DATABASE_URL</c>, a SECRET: registered with the log and passed
    /// through the docker client's environment, never its arguments. Null passes nothing
    /// (the image's own configuration applies). Docker keeps it in the container's
    /// <c>Config.Env</c> (<c>docker inspect</c>), as it does every container variable.
    /// </summary>
    public string? DatabaseUrl { get; init; }

    /// <summary>Docker network mode. Default <c>host</c>, so the container reaches PostgreSQL on 127.0.0.1.</summary>
    public string Network { get; init; } = "host";

    /// <summary>How long <c>docker stop</c> waits after SIGTERM before SIGKILL. Default 10 s; range 0 s to 5 min.</summary>
    public TimeSpan StopGrace { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Stopped task containers of a family kept for <c>docker logs</c> after a run; older ones are
    /// removed when the next task of the family starts. Default 3; range 0 to 100. Tasks are not run
    /// with <c>--rm</c>: the exit code must survive until the waiter has read it.
    /// </summary>
    public int KeepStoppedContainers { get; init; } = 3;

    public override string ToString() =>
        $"LocalOneOffTaskOptions {{ ContainerNamePrefix = {ContainerNamePrefix}, DatabaseUrl = {(DatabaseUrl is null ? "(none)" : "***")}, Network = {Network}, StopGrace = {StopGrace}, KeepStoppedContainers = {KeepStoppedContainers} }}";

    public void Validate()
    {
        LocalNames.RequirePrefix(ContainerNamePrefix, nameof(ContainerNamePrefix));
        ArgumentException.ThrowIfNullOrWhiteSpace(Network);
        if (DatabaseUrl is { Length: 0 })
        {
            throw new ArgumentException("DatabaseUrl must be null or a non-empty URL.", nameof(DatabaseUrl));
        }

        if (StopGrace < TimeSpan.Zero || StopGrace > TimeSpan.FromMinutes(5))
        {
            throw new ArgumentOutOfRangeException(nameof(StopGrace), StopGrace, "StopGrace must be between 0 s and 5 min.");
        }

        if (KeepStoppedContainers is < 0 or > 100)
        {
            throw new ArgumentOutOfRangeException(nameof(KeepStoppedContainers), KeepStoppedContainers, "KeepStoppedContainers must be between 0 and 100.");
        }
    }
}
