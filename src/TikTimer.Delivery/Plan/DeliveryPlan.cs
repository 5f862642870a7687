namespace TikTimer.Delivery.Plan;

/// <summary>
/// What a delivery of this environment would do, read without changing anything (the Plan
/// target): the image, each task-definition revision it would register, the pending
/// migrations and the settings. <c>--format=json</c> prints exactly this record.
/// </summary>
public sealed record DeliveryPlan(
    string Environment,
    string Platform,
    PlannedImage Image,
    IReadOnlyList<PlannedRevision> Revisions,
    PlannedMigrations Migrations,
    IReadOnlyList<PlannedSetting> Settings)
{
    /// <summary>True when a delivery would change what serves or what the migration runs (terraform plan's "changes").</summary>
    public bool HasChanges => Image.Action != ImageAction.Reuse || Revisions.Any(r => r.Changes);
}

public enum ImageAction
{
    /// <summary>The registry holds this commit's image: no build, no push.</summary>
    Reuse,

    /// <summary>BuildImage builds it and PushToEcr pushes it.</summary>
    Build,

    /// <summary>Given with --image: the later steps run it as it is.</summary>
    Given,
}

/// <param name="Reference">What the task definitions would run: <c>repository@sha256:...</c>, or for a build <see cref="DeliveryPlanner.UnknownDigest"/> after the repository.</param>
/// <param name="Tag">The tag it has or would be pushed under.</param>
/// <param name="Digest">Null until a build pushed it.</param>
/// <param name="Reason">Why this action, in a sentence.</param>
public sealed record PlannedImage(ImageAction Action, string Reference, string? Tag, string? Digest, string? Commit, string Reason);

public enum RevisionKind
{
    Service,
    Migration,
}

/// <summary>One task definition (local: one container) a delivery would start from and what it would register instead.</summary>
/// <param name="Name">The service, or the migration family.</param>
/// <param name="Current">What serves or last ran (family:revision on aws; a container on local); null when there is none yet.</param>
/// <param name="Next">What the delivery would register (family:N+1), or <paramref name="Current"/> when nothing changes.</param>
/// <param name="Diff">Unified diff of the current definition against the next; empty when they are equal.</param>
public sealed record PlannedRevision(RevisionKind Kind, string Name, string? Current, string Next, bool Changes, IReadOnlyList<string> Diff);

/// <param name="Listed">True when the command ran; then <paramref name="ExitCode"/> and <paramref name="Output"/> are its own.</param>
/// <param name="Command">The image's command that lists them (plan-migrations-command), null when none is configured.</param>
/// <param name="Note">How they were listed, or why they could not be.</param>
public sealed record PlannedMigrations(bool Listed, IReadOnlyList<string>? Command, int? ExitCode, IReadOnlyList<string> Output, string Note)
{
    public static PlannedMigrations NotListed(IReadOnlyList<string>? command, string why) => new(false, command, null, [], why);
}

/// <summary>A resolved setting as --print-settings shows it: secrets masked, with the source it came from.</summary>
public sealed record PlannedSetting(string Key, string Value, string Source);
