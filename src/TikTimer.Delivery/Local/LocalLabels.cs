namespace TikTimer.Delivery.Local;

/// <summary>
/// The labels the local platform puts on its containers: how it finds them again
/// (docker has no task families or services of its own) and how a person tells them apart.
/// </summary>
public static class LocalLabels
{
    /// <summary>The one-off task family (the migration), for the concurrency guard and pruning.</summary>
    public const string Family = "tiktimer.family";

    /// <summary>Who started it, <see cref="Migrations.OneOffTaskSpec.StartedBy"/> for tasks.</summary>
    public const string StartedBy = "tiktimer.started-by";

    /// <summary>The service a long-running container serves.</summary>
    public const string Service = "tiktimer.service";

    /// <summary>The loopback port a service container listens on.</summary>
    public const string Port = "tiktimer.port";

    /// <summary>The image a service container runs (the "revision").</summary>
    public const string Revision = "tiktimer.revision";

    /// <summary>The container name from the deploy settings (the ECS container name).</summary>
    public const string Container = "tiktimer.container";

    /// <summary>The value of <see cref="StartedBy"/> on service containers.</summary>
    public const string SuiteMarker = Migrations.OneOffTaskSpec.SuiteMarker;
}
