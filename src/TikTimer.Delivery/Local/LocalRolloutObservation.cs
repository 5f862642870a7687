using System.Globalization;
using TikTimer.Delivery.Docker;

namespace TikTimer.Delivery.Local;

internal enum LocalRolloutPhase
{
    Starting,
    Healthy,
    Failed,
}

/// <summary>
/// What a new service container's state and health answer mean for its rollout. Pure, so
/// each case is tested once.
/// </summary>
/// <remarks>
/// A container that runs but is still unhealthy <see cref="LocalServiceOptions.HealthGrace"/>
/// after it started has failed, as an ECS circuit breaker would call it: otherwise a
/// service that never becomes healthy would only be noticed at the deploy timeout.
/// </remarks>
internal sealed record LocalRolloutObservation(LocalRolloutPhase Phase, string Reason)
{
    public static LocalRolloutObservation Of(DockerContainerState container, HealthAnswer? health, DateTimeOffset now, TimeSpan grace)
    {
        ArgumentNullException.ThrowIfNull(container);
        var error = string.IsNullOrWhiteSpace(container.Error) ? null : container.Error.Trim();
        switch (container.Status)
        {
            case "created" when error is not null:
                return Failed($"container {container.Name} could not start: {error}");
            case "created":
                return new(LocalRolloutPhase.Starting, $"container {container.Name} is created, not started yet");
            case "running":
                return Running(container, health, now, grace);
            case "exited" or "dead":
                var oom = container.OomKilled ? " (killed for running out of memory)" : string.Empty;
                var detail = error is null ? string.Empty : $": {error}";
                return Failed($"container {container.Name} exited with code {container.ExitCode.ToString(CultureInfo.InvariantCulture)}{oom}{detail}");
            default:
                return Failed($"container {container.Name} is {container.Status}, not running");
        }
    }

    private static LocalRolloutObservation Running(DockerContainerState container, HealthAnswer? health, DateTimeOffset now, TimeSpan grace)
    {
        if (health is { Healthy: true })
        {
            return new(LocalRolloutPhase.Healthy, $"container {container.Name} is healthy ({health.Description})");
        }

        var last = health?.Description ?? "not checked yet";
        var started = container.StartedAt ?? now;
        return now - started >= grace
            ? Failed($"container {container.Name} was still not healthy {Seconds(grace)} after it started (last health check: {last})")
            : new(LocalRolloutPhase.Starting, $"container {container.Name} is running, not healthy yet ({last})");
    }

    private static LocalRolloutObservation Failed(string reason) => new(LocalRolloutPhase.Failed, reason);

    private static string Seconds(TimeSpan value) => $"{value.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture)} s";
}
