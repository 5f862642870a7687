namespace TikTimer.Delivery.Migrations;

/// <summary>
/// One observation of a task, with everything the judge needs.
/// </summary>
/// <param name="Status">Normalised status.</param>
/// <param name="RawStatus">The platform's own word for it (ECS <c>lastStatus</c>, docker state), for the log.</param>
/// <param name="ExitCode">The migration container's exit code; null when it never ran or is not finished.</param>
/// <param name="StopCode">ECS <c>stopCode</c> (e.g. <c>TaskFailedToStart</c>, <c>EssentialContainerExited</c>, <c>UserInitiated</c>).</param>
/// <param name="StoppedReason">ECS <c>stoppedReason</c>, e.g. <c>CannotPullContainerError: ...</c>.</param>
/// <param name="ContainerReason">The migration container's own <c>reason</c>, e.g. <c>ResourceInitializationError: ...</c>.</param>
/// <param name="EverStarted">Whether it was ever seen running (ECS: <c>startedAt</c> set; docker: StartedAt set).</param>
/// <param name="HasContainer">Whether the migration container was found in the task at all.</param>
public sealed record OneOffTaskState(
    OneOffTaskStatus Status,
    string RawStatus,
    int? ExitCode = null,
    string? StopCode = null,
    string? StoppedReason = null,
    string? ContainerReason = null,
    bool EverStarted = false,
    bool HasContainer = true,
    DateTimeOffset? StartedAt = null,
    DateTimeOffset? StoppedAt = null)
{
    /// <summary>The ECS stop code of a task that could not be started (image pull, secrets, ENI).</summary>
    public const string TaskFailedToStart = "TaskFailedToStart";
}
