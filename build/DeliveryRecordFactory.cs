using TikTimer.Delivery.Configuration;
using TikTimer.Delivery.Migrations;
using TikTimer.Delivery.Records;
using TikTimer.Delivery.Rollout;
using TikTimer.Delivery.Smoke;

namespace TikTimer.Build;

/// <summary>The run's <see cref="DeliveryRecord"/>, from the typed stage results and what the tasks threw.</summary>
public static class DeliveryRecordFactory
{
    private static readonly HashSet<string> DeliveringTasks = new(StringComparer.Ordinal) { "PushToEcr", "MigrateViaEcs", "Deploy", "SmokeTest", "Rollback" };

    /// <summary>Only runs that pushed, migrated or rolled something are deliveries; Validate, Plan and Status are not.</summary>
    public static bool IsDelivery(PipelineState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return state.Tasks.Any(t => DeliveringTasks.Contains(t.Name) && t.Outcome != "skipped");
    }

    public static DeliveryRecord From(DeliverySettings settings, bool successful, PipelineState state, DateTimeOffset finishedAt)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(state);
        var errors = state.Tasks.Select(t => t.Error).OfType<Exception>().ToList();
        var failedMigration = errors.OfType<MigrationFailedException>().FirstOrDefault();
        var failedDeploy = errors.OfType<DeploymentFailedException>().FirstOrDefault();
        var failedSmoke = errors.OfType<SmokeTestFailedException>().FirstOrDefault();

        var rollouts = state.Deploy?.Rollouts ?? [];
        var revisions = rollouts.Select(r => new RevisionRecord(r.Service, r.RevisionId, r.PreviousRevisionId)).ToList();
        var verdicts = rollouts.Select(r => new RolloutRecord(r.Service, "stable", $"stable on {r.RevisionId}")).ToList();
        verdicts.AddRange((failedDeploy?.Failures ?? []).Select(f => new RolloutRecord(f.Split(':')[0], "failed", f)));
        var rollbacks = state.Rollbacks.Concat(failedDeploy?.Rollbacks ?? [])
            .Select(r => new RolloutRecord(r.Service, r.Succeeded ? "rolled back" : "rollback failed", r.Message))
            .ToList();

        MigrationRecord? migration = state.Migration is { } done
            ? new MigrationRecord(state.MigrationFamily, done.Task.Id, done.FinalState.ExitCode, true, done.Applied)
            : failedMigration is { } failed
                ? new MigrationRecord(state.MigrationFamily, failed.Task.Id, failed.Verdict.ExitCode, false, [])
                : null;
        SmokeRecord? smoke = state.Smoke is { } passed
            ? new SmokeRecord(passed.BaseUrl.ToString(), true, passed.Attempts, null)
            : failedSmoke is { } smokeFailure
                ? new SmokeRecord(smokeFailure.LastFailure.Url.ToString(), false, smokeFailure.Attempts, smokeFailure.LastFailure.Reason)
                : null;

        return new DeliveryRecord(
            settings.Environment,
            settings.Platform.ToString().ToLowerInvariant(),
            state.Target,
            state.StartedAt ?? finishedAt,
            finishedAt,
            successful,
            state.Push?.DigestReference ?? state.DeployedImage,
            state.Push?.Digest ?? DigestOf(state.DeployedImage),
            state.Build?.Revision,
            state.Push?.Tag ?? state.Build?.Tag,
            revisions,
            migration,
            verdicts,
            rollbacks,
            smoke,
            [.. state.Tasks.Select(t => new TaskDurationRecord(t.Name, t.Outcome, Math.Round(t.Duration.TotalSeconds, 3)))]);
    }

    private static string? DigestOf(string? reference) =>
        reference?.IndexOf('@', StringComparison.Ordinal) is { } at and >= 0 ? reference[(at + 1)..] : null;
}
