using TikTimer.Delivery.Docker;
using TikTimer.Delivery.Migrations;

namespace TikTimer.Delivery.Local;

/// <summary>
/// Reads a container's docker state as a one-off task's state. Pure, so each docker
/// state is tested once.
/// </summary>
/// <remarks>
/// created -> Pending, running/paused/restarting -> Running, removing -> Stopping,
/// exited/dead -> Stopped with the exit code. A container docker created but could not
/// start (missing entrypoint, bad mount) stays "created" with an Error and never runs:
/// that is Stopped with <see cref="OneOffTaskState.TaskFailedToStart"/>, like an ECS task
/// that could not pull its image, or the waiter would wait for it until its timeout.
/// </remarks>
internal static class LocalTaskState
{
    public static OneOffTaskState From(DockerContainerState container)
    {
        ArgumentNullException.ThrowIfNull(container);
        var everStarted = container.StartedAt is not null;
        var error = string.IsNullOrWhiteSpace(container.Error) ? null : container.Error.Trim();
        return container.Status switch
        {
            "created" when error is not null => new OneOffTaskState(
                OneOffTaskStatus.Stopped, "created (failed to start)", StopCode: OneOffTaskState.TaskFailedToStart,
                StoppedReason: error, EverStarted: false),
            "created" => new OneOffTaskState(OneOffTaskStatus.Pending, container.Status),
            "running" or "paused" or "restarting" => new OneOffTaskState(
                OneOffTaskStatus.Running, container.Status, EverStarted: true, StartedAt: container.StartedAt),
            "removing" => new OneOffTaskState(OneOffTaskStatus.Stopping, container.Status, EverStarted: everStarted, StartedAt: container.StartedAt),
            "exited" or "dead" => Stopped(container, everStarted, error),
            _ => new OneOffTaskState(OneOffTaskStatus.Pending, container.Status, EverStarted: everStarted, StartedAt: container.StartedAt),
        };
    }

    private static OneOffTaskState Stopped(DockerContainerState container, bool everStarted, string? error)
    {
        var reason = container.OomKilled
            ? "OutOfMemoryError: the container was killed for using more memory than its limit" + (error is null ? string.Empty : $" ({error})")
            : error;
        return new OneOffTaskState(
            OneOffTaskStatus.Stopped,
            container.Status,
            ExitCode: everStarted ? container.ExitCode : null,
            StopCode: everStarted ? null : OneOffTaskState.TaskFailedToStart,
            StoppedReason: everStarted ? null : error ?? "the container never started",
            ContainerReason: reason,
            EverStarted: everStarted,
            StartedAt: container.StartedAt,
            StoppedAt: container.FinishedAt);
    }
}
