using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace TikTimer.Delivery.Images;

/// <summary>
/// How an image is made from its commit, as one short hash in the
/// <see cref="OciLabels.Recipe"/> label: the same commit built with another
/// Dockerfile, context, publish project, platform, target or build arguments is
/// another image, and must never be taken for this commit's image.
/// </summary>
public static class BuildRecipe
{
    public static string Of(ImageBuildOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var root = options.Resolve(options.RepositoryRoot);
        string Relative(string? path) => path is null ? "-" : Path.GetRelativePath(root, options.Resolve(path)).Replace('\\', '/');
        var text = new StringBuilder()
            .Append("dockerfile=").AppendLine(Relative(options.Dockerfile))
            .Append("context=").AppendLine(Relative(options.ResolvedContextDirectory))
            .Append("publish=").AppendLine(Relative(options.PublishProject))
            .Append("runtime=").AppendLine(options.PublishProject is null ? "-" : options.RuntimeIdentifier)
            .Append("platform=").AppendLine(options.Platform ?? "-")
            .Append("target=").AppendLine(options.Target ?? "-")
            .Append("version-arg=").AppendLine(options.VersionBuildArg ?? "-");
        foreach (var (name, value) in options.BuildArgs.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            text.Append(CultureInfo.InvariantCulture, $"arg {name}=").AppendLine(value);
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..16];
    }
}
