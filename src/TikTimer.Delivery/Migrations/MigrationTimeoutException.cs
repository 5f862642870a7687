using TikTimer.Delivery.Reporting;

namespace TikTimer.Delivery.Migrations;

/// <summary>
/// The migration did not stop within its timeout; the suite asked it to stop.
/// Raised only for our own timeout, never for the caller's cancellation.
/// </summary>
public sealed class MigrationTimeoutException(OneOffTaskHandle task, TimeSpan timeout, IReadOnlyList<string> lastLogLines)
    : MigrationTaskException(
        $"MigrateViaEcs: migration task {task.DisplayName} ({task.Id}) did not finish within {DurationText.Format(timeout)} " +
        $"and was asked to stop. The deploy was not started. Make the migration faster or raise the timeout (--migration-timeout); " +
        $"check that it stopped with: {task.StopHint}.",
        task,
        lastLogLines)
{
    public TimeSpan Timeout { get; } = timeout;
}
