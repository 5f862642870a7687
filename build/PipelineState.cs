namespace TikTimer.Build;

/// <summary>
/// What earlier tasks produced for later ones in this run (the image built,
/// the digest pushed, the migration task), and what the summary reports.
/// </summary>
public sealed class PipelineState
{
    public string? LocalImageId { get; set; }

    public string? ImageTag { get; set; }

    /// <summary>repository@sha256:..., the only form later stages deploy or migrate.</summary>
    public string? PushedImage { get; set; }

    public string? MigrationTaskId { get; set; }

    public int? MigrationExitCode { get; set; }

    public List<string> RolloutResults { get; } = [];

    public List<string> TaskDefinitionRevisions { get; } = [];

    public List<(string Task, TimeSpan Duration, string Outcome)> TaskOutcomes { get; } = [];
}
