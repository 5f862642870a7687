namespace TikTimer.Delivery.Status;

/// <summary>A service as it serves now, read without changing anything.</summary>
/// <param name="Revision">What serves (task-definition ARN; local container name); null when nothing does.</param>
/// <param name="Image">The image reference that revision runs.</param>
/// <param name="Commit">The commit from the image's OCI revision label, when the platform can read it.</param>
/// <param name="InProgress">Deployments still rolling, in the platform's words.</param>
public sealed record ServiceStatus(
    string Service,
    string? Revision,
    string? Image,
    string? Commit,
    int RunningCount,
    int DesiredCount,
    IReadOnlyList<string> InProgress)
{
    /// <summary>The <c>sha256:...</c> part of <see cref="Image"/> when it is pinned by digest.</summary>
    public string? Digest => Image?.IndexOf('@', StringComparison.Ordinal) is { } at and >= 0 ? Image[(at + 1)..] : null;
}
