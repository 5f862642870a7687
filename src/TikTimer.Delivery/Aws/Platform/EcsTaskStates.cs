using TikTimer.Delivery.Aws.Ecs;
using TikTimer.Delivery.Migrations;

namespace TikTimer.Delivery.Aws.Platform;

/// <summary>Turns an ECS task into the platform-neutral state the waiter and the judge read. Pure.</summary>
public static class EcsTaskStates
{
    /// <summary>ECS lastStatus to the normalised lifecycle; an unknown word counts as pending, so the wait goes on (bounded by its timeout).</summary>
    public static OneOffTaskStatus Status(string? lastStatus) => lastStatus switch
    {
        "PROVISIONING" or "PENDING" or "ACTIVATING" => OneOffTaskStatus.Pending,
        "RUNNING" => OneOffTaskStatus.Running,
        "DEACTIVATING" or "STOPPING" or "DEPROVISIONING" => OneOffTaskStatus.Stopping,
        "STOPPED" or "DELETED" => OneOffTaskStatus.Stopped,
        _ => OneOffTaskStatus.Pending,
    };

    /// <summary>
    /// The state of <paramref name="task"/> as seen through its container <paramref name="containerName"/>.
    /// </summary>
    /// <param name="seenRunning">Whether an earlier describe saw the task RUNNING.</param>
    /// <remarks>
    /// "Ever started" is <c>startedAt</c> in ECS, but also any other proof that the container
    /// ran: the task or the container seen RUNNING, or an exit code (ECS reports one only
    /// for a container that ran; one that failed to pull or to get its secrets has none).
    /// The extra evidence keeps a short task that went RUNNING -> STOPPED between two polls
    /// from being judged "never started" should startedAt be missing, and it is what
    /// moto provides: it never sets startedAt, but reports exit code 0.
    /// </remarks>
    public static OneOffTaskState ToState(EcsTask task, string containerName, bool seenRunning = false)
    {
        ArgumentNullException.ThrowIfNull(task);
        var container = task.Containers.FirstOrDefault(c => string.Equals(c.Name, containerName, StringComparison.Ordinal));
        var everStarted = task.StartedAt is not null
            || seenRunning
            || task.LastStatus == "RUNNING"
            || container?.LastStatus == "RUNNING"
            || container?.ExitCode is not null;

        return new OneOffTaskState(
            Status(task.LastStatus),
            task.LastStatus ?? "UNKNOWN",
            ExitCode: container?.ExitCode,
            StopCode: NullIfEmpty(task.StopCode),
            StoppedReason: NullIfEmpty(task.StoppedReason),
            ContainerReason: NullIfEmpty(container?.Reason),
            EverStarted: everStarted,
            HasContainer: container is not null,
            StartedAt: task.StartedAt,
            StoppedAt: task.StoppedAt);
    }

    private static string? NullIfEmpty(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;
}
