namespace TikTimer.Delivery.Migrations;

/// <summary>
/// What to run, in platform-neutral terms.
/// </summary>
/// <param name="Family">
/// The group the concurrency guard looks in: the ECS task-definition family
/// (e.g. <c>TikTimer-dev-migration</c>) on aws, a container name prefix/label on local.
/// </param>
/// <param name="Image">The exact image to run, preferably by digest (<c>repo@sha256:...</c>).</param>
/// <param name="Command">Overrides the image's/task definition's command; null keeps it.</param>
/// <param name="Environment">Added to (and overriding) the task's own environment. Never secrets: they travel by the platform's secret mechanism.</param>
/// <param name="StartedBy">Marks the task as this suite's, for the guard and for people reading the console.</param>
public sealed record OneOffTaskSpec(
    string Family,
    string Image,
    IReadOnlyList<string>? Command = null,
    IReadOnlyDictionary<string, string>? Environment = null,
    string StartedBy = OneOffTaskSpec.SuiteMarker)
{
    /// <summary>ECS limits startedBy to 128 characters; this stays well within.</summary>
    public const string SuiteMarker = "tiktimer-delivery";

    public IReadOnlyDictionary<string, string> Environment { get; init; } =
        Environment ?? new Dictionary<string, string>();
}
