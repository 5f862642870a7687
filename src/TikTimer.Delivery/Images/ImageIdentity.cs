namespace TikTimer.Delivery.Images;

/// <summary>
/// Whether an image in the registry is this commit's build: its OCI revision label is the
/// commit and its recipe label is this run's <see cref="BuildRecipe"/>. Pure.
/// </summary>
public static class ImageIdentity
{
    /// <summary>Null when it is this build; otherwise what differs, in words for the log.</summary>
    public static string? Mismatch(IReadOnlyDictionary<string, string>? labels, string commit, string recipe)
    {
        if (labels is null)
        {
            return "the registry could not give its labels";
        }

        if (!labels.TryGetValue(OciLabels.Revision, out var revision))
        {
            return $"it has no {OciLabels.Revision} label (not built by this suite)";
        }

        if (!string.Equals(revision, commit, StringComparison.Ordinal))
        {
            return $"its {OciLabels.Revision} label is {revision}, not {commit}";
        }

        if (!labels.TryGetValue(OciLabels.Recipe, out var built))
        {
            return $"it has no {OciLabels.Recipe} label, so how it was built is unknown";
        }

        return string.Equals(built, recipe, StringComparison.Ordinal)
            ? null
            : $"it was built with other build settings (recipe {built}, this run's is {recipe}: dockerfile, context, platform, target or build arguments differ)";
    }
}
