using System.Text.RegularExpressions;

namespace TikTimer.Delivery.Images;

/// <summary>
/// How BuildImage builds the service image. Relative paths are relative to
/// <see cref="RepositoryRoot"/>.
/// </summary>
public sealed partial record ImageBuildOptions
{
    /// <summary>The local image name (repository part, no tag), e.g. <c>tiktimer</c>.</summary>
    public required string ImageName { get; init; }

    /// <summary>The Dockerfile, e.g. <c>src/TikTimer.Api/Dockerfile</c>.</summary>
    public required string Dockerfile { get; init; }

    /// <summary>The git working tree the image is built from. Default: the current directory.</summary>
    public string RepositoryRoot { get; init; } = ".";

    /// <summary>
    /// A project to <c>dotnet publish</c> (self-contained, <see cref="RuntimeIdentifier"/>)
    /// into <see cref="PublishDirectory"/> before the build. Null builds the Dockerfile as is.
    /// </summary>
    public string? PublishProject { get; init; }

    /// <summary>Emptied, then filled by the publish. Default: <c>.artifacts/publish</c>.</summary>
    public string PublishDirectory { get; init; } = Path.Combine(".artifacts", "publish");

    /// <summary>Default <c>linux-x64</c>, matching <see cref="Platform"/>'s default.</summary>
    public string RuntimeIdentifier { get; init; } = "linux-x64";

    /// <summary>
    /// The build context. Default: <see cref="PublishDirectory"/> when a project
    /// is published, otherwise the Dockerfile's directory.
    /// </summary>
    public string? ContextDirectory { get; init; }

    /// <summary>The primary tag, instead of the commit SHA (and its dirty marker). Default: none.</summary>
    public string? Tag { get; init; }

    /// <summary>Mutable tags added to every build (e.g. <c>latest</c>). Default: none.</summary>
    public IReadOnlyList<string> ExtraTags { get; init; } = [];

    /// <summary>
    /// Default <c>linux/amd64</c>, what Fargate runs by default. Null lets the
    /// daemon choose (for an engine that rejects the flag).
    /// </summary>
    public string? Platform { get; init; } = "linux/amd64";

    /// <summary>Extra build arguments. Not for secrets: they stay in the image history.</summary>
    public IReadOnlyDictionary<string, string> BuildArgs { get; init; } = new Dictionary<string, string>();

    /// <summary>The build argument that receives the image version (the primary tag). Null passes none.</summary>
    public string? VersionBuildArg { get; init; } = "APP_VERSION";

    /// <summary><c>org.opencontainers.image.source</c>. Default: the origin remote without credentials.</summary>
    public string? SourceUrl { get; init; }

    public bool NoCache { get; init; }

    public string? Target { get; init; }

    /// <summary>Every problem at once, each naming its option; empty when valid.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (!IsValidImageName(ImageName))
        {
            problems.Add($"image name '{ImageName}' must be lower-case letters, digits and . _ - / separators (no tag, no registry host).");
        }

        if (Tag is not null && !ImageTagPolicy.IsValidTag(Tag))
        {
            problems.Add($"tag '{Tag}' is not a valid docker tag (up to 128 of A-Z a-z 0-9 _ . -, not starting with . or -).");
        }

        if (string.IsNullOrWhiteSpace(Dockerfile))
        {
            problems.Add("dockerfile must be set.");
        }
        else if (!File.Exists(Resolve(Dockerfile)))
        {
            problems.Add($"dockerfile '{Resolve(Dockerfile)}' does not exist.");
        }

        if (PublishProject is not null && !Path.Exists(Resolve(PublishProject)))
        {
            problems.Add($"publish project '{Resolve(PublishProject)}' does not exist.");
        }

        if (PublishProject is not null && IsSameOrAncestor(Resolve(PublishDirectory), Resolve(RepositoryRoot)))
        {
            problems.Add($"publish directory '{Resolve(PublishDirectory)}' is emptied before each publish, so it must be a sub-directory of the repository, not the repository itself.");
        }

        if (PublishProject is null && ContextDirectory is not null && !Directory.Exists(Resolve(ContextDirectory)))
        {
            problems.Add($"build context '{Resolve(ContextDirectory)}' does not exist.");
        }

        problems.AddRange(ExtraTags.Where(t => !ImageTagPolicy.IsValidTag(t))
            .Select(t => $"extra tag '{t}' is not a valid docker tag (up to 128 of A-Z a-z 0-9 _ . -, not starting with . or -)."));
        return problems;
    }

    /// <summary>A path of these options made absolute against <see cref="RepositoryRoot"/>.</summary>
    public string Resolve(string path) => Path.GetFullPath(Path.Combine(Path.GetFullPath(RepositoryRoot), path));

    public string ResolvedContextDirectory =>
        Resolve(ContextDirectory ?? (PublishProject is not null ? PublishDirectory : Path.GetDirectoryName(Resolve(Dockerfile))!));

    /// <summary>
    /// What the image is made of, for the dirty check: the Dockerfile, the build context
    /// (unless it is the publish output, which the build writes) and the published project's directory.
    /// </summary>
    public IReadOnlyList<string> ImageInputs
    {
        get
        {
            var inputs = new List<string> { Resolve(Dockerfile) };
            if (PublishProject is null || ContextDirectory is not null)
            {
                inputs.Add(ResolvedContextDirectory);
            }

            if (PublishProject is not null)
            {
                var project = Resolve(PublishProject);
                inputs.Add(File.Exists(project) ? Path.GetDirectoryName(project)! : project);
            }

            return inputs;
        }
    }

    private static bool IsSameOrAncestor(string candidate, string path)
    {
        var a = Path.TrimEndingDirectorySeparator(candidate) + Path.DirectorySeparatorChar;
        var b = Path.TrimEndingDirectorySeparator(path) + Path.DirectorySeparatorChar;
        return b.StartsWith(a, StringComparison.Ordinal);
    }

    /// <summary>Docker's repository-name grammar (lower-case path components), which ECR shares.</summary>
    public static bool IsValidImageName(string? name) => !string.IsNullOrWhiteSpace(name) && name.Length <= 256 && ImageNameGrammar().IsMatch(name);

    [GeneratedRegex("^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$")]
    private static partial Regex ImageNameGrammar();
}
