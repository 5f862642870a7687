namespace TikTimer.Delivery.Migrations;

/// <summary>
/// The migration ran (or tried to) and did not succeed; the deploy must not go ahead.
/// The message carries the task, the reason or exit code and the last log lines.
/// </summary>
public class MigrationFailedException : DeliveryException
{
    public MigrationFailedException(OneOffTaskHandle task, MigrationVerdict verdict, IReadOnlyList<string> lastLogLines)
        : base(Describe(task, verdict, lastLogLines))
    {
        Task = task;
        Verdict = verdict;
        LastLogLines = lastLogLines;
    }

    public OneOffTaskHandle Task { get; }

    public MigrationVerdict Verdict { get; }

    public IReadOnlyList<string> LastLogLines { get; }

    internal static string LogSection(IReadOnlyList<string> lines) =>
        lines.Count == 0
            ? " No log lines were read."
            : $"\nLast {lines.Count} log line(s):\n" + string.Join('\n', lines.Select(l => "  | " + l));

    private static string Describe(OneOffTaskHandle task, MigrationVerdict verdict, IReadOnlyList<string> lines) =>
        $"MigrateViaEcs: migration task {task.DisplayName} ({task.Id}) failed: {verdict.Reason}. " +
        "The deploy was not started; fix the migration and run the pipeline again." + LogSection(lines);
}
