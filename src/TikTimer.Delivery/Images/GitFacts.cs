namespace TikTimer.Delivery.Images;

/// <summary>What the image is built from.</summary>
/// <param name="Commit">The full 40-character commit SHA of HEAD.</param>
/// <param name="IsDirty">
/// True when the tree has changes that can reach the image or the pipeline: any change to a
/// tracked file, or an untracked file among the image's inputs (see <see cref="GitReader"/>).
/// </param>
/// <param name="CommittedAt">The commit's committer date: the reproducible "created" instant of a clean build.</param>
/// <param name="SourceUrl">The origin remote without credentials, or null when there is none.</param>
public sealed record GitFacts(string Commit, bool IsDirty, DateTimeOffset CommittedAt, string? SourceUrl)
{
    /// <summary>The paths (relative to the repository) that made the tree dirty, for the log.</summary>
    public IReadOnlyList<string> Changes { get; init; } = [];
}
