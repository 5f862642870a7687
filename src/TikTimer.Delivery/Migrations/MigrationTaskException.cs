namespace TikTimer.Delivery.Migrations;

/// <summary>A migration task that ran and did not succeed: which task, and the last lines it logged.</summary>
public abstract class MigrationTaskException(string message, OneOffTaskHandle task, IReadOnlyList<string> lastLogLines)
    : DeliveryException(message + LogSection(lastLogLines))
{
    public OneOffTaskHandle Task { get; } = task;

    public IReadOnlyList<string> LastLogLines { get; } = lastLogLines;

    private static string LogSection(IReadOnlyList<string> lines) =>
        lines.Count == 0
            ? " No log lines were read."
            : $"\nLast {lines.Count} log line(s):\n" + string.Join('\n', lines.Select(l => "  | " + l));
}
