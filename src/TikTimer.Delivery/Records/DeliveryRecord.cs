namespace TikTimer.Delivery.Records;

/// <summary>
/// What one run of the chain did, written to <c>.artifacts/deliveries/</c> when it ends:
/// the history Status compares the serving image with and Rollback goes back along.
/// </summary>
/// <param name="Image">The digest reference deployed (<c>repository@sha256:...</c>), or null when no image was pushed.</param>
/// <param name="Commit">The full commit SHA the image was built from, when this run built it.</param>
/// <param name="Revisions">Per service, what the rollout registered and what it replaced.</param>
/// <param name="Migration">The migration task of this run, when one ran.</param>
/// <param name="Rollbacks">Rollbacks this run performed (after a failed rollout or smoke test, or by the Rollback target).</param>
public sealed record DeliveryRecord(
    string Environment,
    string Platform,
    string Target,
    DateTimeOffset StartedAt,
    DateTimeOffset FinishedAt,
    bool Succeeded,
    string? Image,
    string? Digest,
    string? Commit,
    string? Tag,
    IReadOnlyList<RevisionRecord> Revisions,
    MigrationRecord? Migration,
    IReadOnlyList<RolloutRecord> Rollouts,
    IReadOnlyList<RolloutRecord> Rollbacks,
    SmokeRecord? Smoke,
    IReadOnlyList<TaskDurationRecord> Tasks)
{
    /// <summary>This run changed what serves: a rollout or a rollback reached the services.</summary>
    public bool ChangedServices => Revisions.Count > 0 || Rollbacks.Count > 0;
}

/// <param name="Revision">What serves after the rollout (task-definition ARN; local container name).</param>
/// <param name="PreviousRevision">What served before; null for a first deployment.</param>
public sealed record RevisionRecord(string Service, string Revision, string? PreviousRevision);

/// <param name="Family">The task-definition family (local: the container label).</param>
/// <param name="ExitCode">Null when the task never ran its container (or timed out).</param>
/// <param name="Applied">Migrations the task reported applying, when it says (empty when unknown).</param>
public sealed record MigrationRecord(string? Family, string TaskId, int? ExitCode, bool Succeeded, IReadOnlyList<string> Applied);

/// <param name="Verdict">stable, failed, rolled back, rollback failed.</param>
public sealed record RolloutRecord(string Service, string Verdict, string Message);

public sealed record SmokeRecord(string BaseUrl, bool Passed, int? Attempts, string? Failure);

public sealed record TaskDurationRecord(string Name, string Outcome, double Seconds);
