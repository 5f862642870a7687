using System.Globalization;
using System.Text.RegularExpressions;

namespace TikTimer.Delivery.Images;

/// <summary>
/// Which tags an image gets.
/// <list type="bullet">
/// <item>Clean tree: the full commit SHA. Immutable: the same commit always
/// names the same image, so a re-run finds it already pushed.</item>
/// <item>Dirty tree: <c>&lt;sha&gt;-dirty-&lt;yyyyMMddTHHmmssZ&gt;</c> instead
/// (like Kamal's uncommitted marker). The bare SHA is NOT applied: an image of
/// uncommitted code must never occupy the commit's immutable tag. The UTC
/// build time makes every dirty build a new tag, so two different dirty
/// builds can never collide on an immutable repository.</item>
/// <item>Plus the configured extra tags (none by default).</item>
/// </list>
/// </summary>
public static partial class ImageTagPolicy
{
    public const string DirtyMarker = "-dirty-";

    /// <param name="explicitTag">A tag the user chose (<c>--image-tag</c>); it replaces the commit-derived one.</param>
    public static ImageTags Resolve(GitFacts git, DateTimeOffset now, IReadOnlyList<string>? extraTags = null, string? explicitTag = null)
    {
        ArgumentNullException.ThrowIfNull(git);
        var primary = explicitTag ?? (git.IsDirty
            ? git.Commit + DirtyMarker + now.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture)
            : git.Commit);
        var extra = (extraTags ?? []).Where(t => t != primary).Distinct(StringComparer.Ordinal).ToArray();
        return new ImageTags(primary, extra);
    }

    /// <summary>The instant recorded in <c>org.opencontainers.image.created</c>.</summary>
    /// <remarks>
    /// A clean build uses the commit's date, not the clock: the labels of the
    /// same commit are then identical, the build cache gives the same image id,
    /// and a re-run finds the tag already pushed instead of a conflict.
    /// </remarks>
    public static DateTimeOffset Created(GitFacts git, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(git);
        return git.IsDirty ? now : git.CommittedAt;
    }

    /// <summary>Docker's tag grammar: up to 128 of <c>[A-Za-z0-9_.-]</c>, not starting with <c>.</c> or <c>-</c>.</summary>
    public static bool IsValidTag(string tag) => TagGrammar().IsMatch(tag);

    [GeneratedRegex("^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$")]
    private static partial Regex TagGrammar();
}
