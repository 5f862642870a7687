namespace TikTimer.Delivery.Migrations;

/// <summary>
/// Decides whether a stopped migration task succeeded. Pure: the same state
/// always gives the same verdict, so each outcome is tested once with a canned state.
/// </summary>
/// <remarks>
/// Only an exit code of 0 from a container that really ran is a success.
/// Waiters elsewhere have reported success for a task that went PENDING -> STOPPED
/// without running, or that failed to pull its image; those are checked first.
/// </remarks>
public static class MigrationJudge
{
    public static MigrationVerdict Judge(OneOffTaskState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.Status != OneOffTaskStatus.Stopped)
        {
            throw new ArgumentException($"Only a stopped task can be judged; this one is {state.RawStatus}.", nameof(state));
        }

        if (string.Equals(state.StopCode, OneOffTaskState.TaskFailedToStart, StringComparison.Ordinal))
        {
            return MigrationVerdict.Failure($"the task failed to start: {Reasons(state)}");
        }

        if (!state.HasContainer)
        {
            return MigrationVerdict.Failure($"the task has no migration container, so nothing ran ({Reasons(state)})");
        }

        if (!state.EverStarted)
        {
            return MigrationVerdict.Failure($"the task went from PENDING to STOPPED without running: {Reasons(state)}");
        }

        return state.ExitCode switch
        {
            null => MigrationVerdict.Failure($"the migration container stopped without an exit code: {Reasons(state)}"),
            0 => MigrationVerdict.Success(),
            var code => MigrationVerdict.Failure($"the migration exited with code {code}", code),
        };
    }

    private static string Reasons(OneOffTaskState state)
    {
        var parts = new[] { state.StoppedReason, state.ContainerReason, state.StopCode is null ? null : $"stop code {state.StopCode}" }
            .Where(p => !string.IsNullOrWhiteSpace(p))
            .Distinct(StringComparer.Ordinal)
            .ToArray();
        return parts.Length == 0 ? "no reason given" : string.Join("; ", parts);
    }
}
