using TikTimer.Delivery.Docker;
using TikTimer.Delivery.Processes;
using TikTimer.Delivery.Reporting;
using TikTimer.Delivery.Validation;

namespace TikTimer.Delivery.Images;

/// <summary>
/// BuildImage: read the commit, choose the tags, publish the service, build
/// the image with OCI labels, and report its local id.
/// </summary>
public sealed class ImageBuilder
{
    public const string Step = "BuildImage";

    private readonly DockerCli _docker;
    private readonly IProcessRunner _runner;
    private readonly IDeliveryLog _log;
    private readonly TimeProvider _time;

    public ImageBuilder(DockerCli docker, IProcessRunner runner, IDeliveryLog log, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(docker);
        ArgumentNullException.ThrowIfNull(runner);
        ArgumentNullException.ThrowIfNull(log);
        _docker = docker.ForStep(Step);
        _runner = runner;
        _log = log;
        _time = timeProvider ?? TimeProvider.System;
    }

    public async Task<ImageBuildResult> BuildAsync(ImageBuildOptions options, CancellationToken cancellationToken = default)
    {
        var git = await ReadSourceAsync(options, cancellationToken).ConfigureAwait(false);
        return await BuildAsync(options, git, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The commit and whether the tree is dirty, counting only changes that can reach the image (after checking the options).</summary>
    public async Task<GitFacts> ReadSourceAsync(ImageBuildOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        OptionProblems.ThrowIfAny(options.Problems(), Step, "build options");

        return await new GitReader(_runner).ReadAsync(options.Resolve(options.RepositoryRoot), options.ImageInputs, cancellationToken).ConfigureAwait(false);
    }

    public async Task<ImageBuildResult> BuildAsync(ImageBuildOptions options, GitFacts git, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(git);
        var now = _time.GetUtcNow();
        var tags = ImageTagPolicy.Resolve(git, now, options.ExtraTags, options.Tag);
        if (git.IsDirty && options.Tag is null)
        {
            var shown = string.Join(", ", git.Changes.Take(5)) + (git.Changes.Count > 5 ? $" and {git.Changes.Count - 5} more" : string.Empty);
            _log.Warning($"{Step}: the working tree has uncommitted changes that can reach the image ({shown}); tagging {tags.Primary} instead of the commit SHA.");
        }

        using var checkout = options.PublishProject is null ? null
            : await CheckoutBuildLock.AcquireAsync(options.Resolve(options.PublishDirectory), _log, _time, cancellationToken).ConfigureAwait(false);
        if (options.PublishProject is not null)
        {
            await PublishAsync(options, cancellationToken).ConfigureAwait(false);
        }

        var created = ImageTagPolicy.Created(git, now);
        var recipe = BuildRecipe.Of(options);
        var settings = BuildSettings(options, git, tags, created);
        _log.Information($"{Step}: building {options.ImageName}:{tags.Primary} from {git.Commit}{(git.IsDirty ? " (dirty)" : string.Empty)}.");
        var imageId = await _docker.BuildAsync(settings, options.ResolvedContextDirectory, cancellationToken).ConfigureAwait(false);
        _log.Information($"{Step}: built {imageId} as {string.Join(", ", tags.All.Select(t => $"{options.ImageName}:{t}"))}.");
        return new ImageBuildResult(imageId, options.ImageName, tags, git.Commit, git.IsDirty, created) { Recipe = recipe };
    }

    /// <summary>The <c>docker build</c> settings for these facts. Pure.</summary>
    public static DockerBuildSettings BuildSettings(ImageBuildOptions options, GitFacts git, ImageTags tags, DateTimeOffset created)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(tags);
        var buildArgs = new Dictionary<string, string>(options.BuildArgs, StringComparer.Ordinal);
        if (options.VersionBuildArg is not null)
        {
            buildArgs[options.VersionBuildArg] = tags.Primary;
        }

        return new DockerBuildSettings
        {
            File = options.Resolve(options.Dockerfile),
            Tags = [.. tags.All.Select(t => $"{options.ImageName}:{t}")],
            BuildArgs = buildArgs,
            Labels = OciLabels.For(git, tags.Primary, created, options.SourceUrl ?? git.SourceUrl, BuildRecipe.Of(options)),
            Platform = options.Platform,
            NoCache = options.NoCache,
            Target = options.Target,
        };
    }

    /// <summary>The <c>dotnet publish</c> arguments. Pure.</summary>
    public static IReadOnlyList<string> PublishArguments(ImageBuildOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return
        [
            "publish", options.Resolve(options.PublishProject ?? throw new ArgumentException("No project to publish.", nameof(options))),
            "--configuration", "Release",
            "--runtime", options.RuntimeIdentifier,
            "--self-contained",
            "-p:InvariantGlobalization=true",

            // Two clones of one commit must publish the same bytes: no checkout path, build
            // time or machine in the assemblies and PDBs.
            "-p:Deterministic=true",
            "-p:ContinuousIntegrationBuild=true",
            $"-p:PathMap={Path.TrimEndingDirectorySeparator(options.Resolve(options.RepositoryRoot))}=/_/",
            "--output", options.Resolve(options.PublishDirectory),
        ];
    }

    private async Task PublishAsync(ImageBuildOptions options, CancellationToken cancellationToken)
    {
        var output = options.Resolve(options.PublishDirectory);

        // Files left by an earlier publish (a removed dependency) would otherwise ship in the image.
        if (Directory.Exists(output))
        {
            Directory.Delete(output, recursive: true);
        }

        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host)
            ? host
            : ExecutableLocator.Require("dotnet", null, null, "Install the .NET SDK (see global.json).");
        _log.Information($"{Step}: publishing {options.PublishProject} to {output}.");
        await _runner.RunAsync(
            new ProcessSpec(dotnet, PublishArguments(options))
            {
                WorkingDirectory = options.Resolve(options.RepositoryRoot),
                OnOutputLine = _log.Verbose,
                OnErrorLine = _log.Warning,
                Step = Step,
            },
            cancellationToken).ConfigureAwait(false);
    }
}
