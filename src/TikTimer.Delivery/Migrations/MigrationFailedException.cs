namespace TikTimer.Delivery.Migrations;

/// <summary>
/// The migration ran (or tried to) and did not succeed; the deploy must not go ahead.
/// The message carries the task, the reason or exit code and the last log lines.
/// </summary>
public class MigrationFailedException(OneOffTaskHandle task, MigrationVerdict verdict, IReadOnlyList<string> lastLogLines)
    : MigrationTaskException(
        $"MigrateViaEcs: migration task {task.DisplayName} ({task.Id}) failed: {verdict.Reason}. " +
        "The deploy was not started; fix the migration and run the pipeline again.",
        task,
        lastLogLines)
{
    public MigrationVerdict Verdict { get; } = verdict;
}
