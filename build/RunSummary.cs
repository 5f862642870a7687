using System.Globalization;
using System.Text;
using TikTimer.Delivery.Migrations;

namespace TikTimer.Build;

/// <summary>The run's record as a Markdown table, built from the typed stage results when the run ends.</summary>
public static class RunSummary
{
    public static string Markdown(string environment, bool successful, PipelineState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var summary = new StringBuilder()
            .AppendLine($"## TikTimer delivery: {environment} ({(successful ? "succeeded" : "failed")})")
            .AppendLine()
            .AppendLine("| | |")
            .AppendLine("|---|---|");
        void Row(string name, string? value)
        {
            if (value is not null)
            {
                summary.AppendLine($"| {name} | `{value}` |");
            }
        }

        // A failed migration has no result, but its exception names the task and the exit code.
        var failedMigration = state.Tasks.Select(t => t.Error).OfType<MigrationFailedException>().FirstOrDefault();
        var rollouts = state.Deploy?.Rollouts ?? [];
        Row("Image", state.Push?.DigestReference ?? state.Build?.ImageId);
        Row("Task definitions", rollouts.Count > 0 ? string.Join(", ", rollouts.Select(r => r.RevisionId)) : null);
        Row("Migration task", state.Migration?.Task.Id ?? failedMigration?.Task.Id);
        Row("Migration exit code", (state.Migration?.FinalState.ExitCode ?? failedMigration?.Verdict.ExitCode)?.ToString(CultureInfo.InvariantCulture));
        var rolloutLines = rollouts.Select(r => $"{r.Service}: stable on {r.RevisionId}")
            .Concat(state.Rollbacks.Select(r => r.Succeeded ? r.Message : $"ROLLBACK FAILED: {r.Message}"))
            .ToList();
        Row("Rollout", rolloutLines.Count > 0 ? string.Join("; ", rolloutLines) : null);
        Row("Delivery record", state.RecordPath);
        foreach (var task in state.Tasks)
        {
            Row($"Task {task.Name}", $"{task.Outcome} in {task.Duration:hh\\:mm\\:ss}");
        }

        return summary.ToString();
    }
}
