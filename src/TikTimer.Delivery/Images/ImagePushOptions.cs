namespace TikTimer.Delivery.Images;

/// <summary>What PushToEcr pushes.</summary>
/// <param name="ImageId">The local image id from BuildImage.</param>
/// <param name="Tag">The immutable tag, pushed at most once.</param>
public sealed record ImagePushOptions(string ImageId, string Tag)
{
    /// <summary>Mutable tags moved to the pushed digest by retagging. Default: none.</summary>
    public IReadOnlyList<string> ExtraTags { get; init; } = [];

    /// <summary>The commit the image was built from; with <see cref="Recipe"/>, lets a clash with this very build from elsewhere be recognised.</summary>
    public string? Revision { get; init; }

    /// <summary>The <see cref="BuildRecipe"/> the image was built with.</summary>
    public string? Recipe { get; init; }

    public static ImagePushOptions From(ImageBuildResult build)
    {
        ArgumentNullException.ThrowIfNull(build);
        return new ImagePushOptions(build.ImageId, build.Tags.Primary)
        {
            ExtraTags = build.Tags.Extra,
            Revision = build.IsDirty ? null : build.Revision,
            Recipe = build.Recipe,
        };
    }

    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (!ImageId.StartsWith("sha256:", StringComparison.Ordinal))
        {
            problems.Add($"image id '{ImageId}' must be a local image id (sha256:...); run BuildImage first.");
        }

        problems.AddRange(ExtraTags.Prepend(Tag).Where(t => !ImageTagPolicy.IsValidTag(t)).Select(t => $"tag '{t}' is not a valid docker tag."));
        return problems;
    }
}
