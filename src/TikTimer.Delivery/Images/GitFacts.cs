namespace TikTimer.Delivery.Images;

/// <summary>What the image is built from.</summary>
/// <param name="Commit">The full 40-character commit SHA of HEAD.</param>
/// <param name="IsDirty">True when the working tree has uncommitted changes or untracked files.</param>
/// <param name="CommittedAt">The commit's committer date: the reproducible "created" instant of a clean build.</param>
/// <param name="SourceUrl">The origin remote without credentials, or null when there is none.</param>
public sealed record GitFacts(string Commit, bool IsDirty, DateTimeOffset CommittedAt, string? SourceUrl);
