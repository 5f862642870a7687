using System.Globalization;

namespace TikTimer.Delivery.Images;

/// <summary>The OCI annotation keys the image carries, so anyone can trace a running image back to its commit.</summary>
public static class OciLabels
{
    public const string Revision = "org.opencontainers.image.revision";
    public const string Source = "org.opencontainers.image.source";
    public const string Created = "org.opencontainers.image.created";
    public const string Version = "org.opencontainers.image.version";

    /// <summary>The suite's own: the <see cref="BuildRecipe"/> the image was built with.</summary>
    public const string Recipe = "io.tiktimer.build-recipe";

    public static IReadOnlyDictionary<string, string> For(GitFacts git, string version, DateTimeOffset created, string? sourceUrl, string? recipe = null)
    {
        ArgumentNullException.ThrowIfNull(git);
        var labels = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [Revision] = git.Commit,
            [Created] = created.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            [Version] = version,
        };
        if (!string.IsNullOrWhiteSpace(sourceUrl))
        {
            labels[Source] = sourceUrl;
        }

        if (recipe is not null)
        {
            labels[Recipe] = recipe;
        }

        return labels;
    }
}
