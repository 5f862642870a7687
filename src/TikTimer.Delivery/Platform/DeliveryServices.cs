using TikTimer.Delivery.Aws;
using TikTimer.Delivery.Aws.Platform;
using TikTimer.Delivery.Configuration;
using TikTimer.Delivery.Docker;
using TikTimer.Delivery.Images;
using TikTimer.Delivery.Local;
using TikTimer.Delivery.Locking;
using TikTimer.Delivery.Migrations;
using TikTimer.Delivery.Processes;
using TikTimer.Delivery.Reporting;
using TikTimer.Delivery.Rollout;
using TikTimer.Delivery.Smoke;

namespace TikTimer.Delivery.Platform;

/// <summary>
/// The run's composition root: the settings, the platform chosen from them (the
/// only place that asks which one), and the runners each stage uses, configured
/// from the settings. Parts are created on first use (a local run never builds an AWS client).
/// </summary>
public sealed class DeliveryServices : IDisposable
{
    private readonly Lazy<IDeliveryPlatform> _platform;
    private readonly HttpClient _smokeHttp = new() { Timeout = Timeout.InfiniteTimeSpan };
    private readonly List<DeliveryLock> _locks = [];
    private bool _locked;

    /// <param name="configureAws">Adjusts the AWS client options (tests pin credentials and attempts).</param>
    public DeliveryServices(
        DeliverySettings settings,
        IDeliveryLog log,
        TimeProvider? clock = null,
        IProcessRunner? processes = null,
        Func<AwsClientOptions, AwsClientOptions>? configureAws = null)
    {
        Settings = settings;
        Log = log;
        Clock = clock ?? TimeProvider.System;
        Processes = processes ?? new ProcessRunner();
        Docker = new DockerCli(Processes, log, new DockerCliOptions { ExecutablePath = settings.DockerPath is { } docker ? settings.ResolvePath(docker) : null });
        _platform = new Lazy<IDeliveryPlatform>(() => settings.IsAws
            ? AwsPlatform.Create(settings, (configureAws ?? (o => o))(AwsPlatform.ClientOptionsFrom(settings)), log, Clock)
            : new LocalPlatform(settings, Docker, log, Clock));
    }

    public DeliverySettings Settings { get; }

    public IDeliveryLog Log { get; }

    public TimeProvider Clock { get; }

    public IProcessRunner Processes { get; }

    public DockerCli Docker { get; }

    /// <summary>Where the chain runs: aws or local, chosen once from the settings.</summary>
    public IDeliveryPlatform Platform => _platform.Value;

    public ImageBuilder ImageBuilder() => new(Docker, Processes, Log, Clock);

    /// <summary>How BuildImage builds the service's image (and how Plan tells whether it would).</summary>
    public ImageBuildOptions ImageBuildOptions() => new()
    {
        ImageName = Settings.Repository,
        Dockerfile = Settings.Dockerfile,
        RepositoryRoot = Settings.RepositoryRoot,
        PublishProject = Settings.ServiceProject,
        ContextDirectory = Settings.BuildContext,
        Tag = Settings.ImageTag,
        ExtraTags = Settings.ExtraTags,
        Platform = Settings.DockerPlatform,
        BuildArgs = Settings.BuildArgs,
    };

    public ImagePusher ImagePusher() => new(Docker, Log);

    public MigrationRunner MigrationRunner() => new(
        Platform.OneOffTasks(),
        Log,
        new MigrationOptions { Timeout = Settings.MigrationTimeout, Force = Settings.Force, LogGracePeriod = Platform.LogGracePeriod, Polling = Platform.MigrationPolling },
        Clock);

    public DeployRunner DeployRunner() => new(
        Platform.ServiceRollouts(),
        Log,
        new RolloutOptions { Timeout = Settings.DeployTimeout, RollbackTimeout = Settings.RollbackTimeout, Rollback = Settings.Rollback, Polling = Platform.RolloutPolling },
        Clock);

    /// <summary>
    /// Build once per commit: the registry's image of this commit when the tree is clean, no tag was
    /// chosen, and its labels say it is this commit built with these settings; else null (build).
    /// </summary>
    public async Task<ImagePushResult?> ReusableImageAsync(ImageBuildOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Tag is not null)
        {
            return null;
        }

        var git = await ImageBuilder().ReadSourceAsync(options, cancellationToken).ConfigureAwait(false);
        if (git.IsDirty)
        {
            return null;
        }

        var registry = await Platform.ImageRegistryAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Also learns the repository's address (ECR's repositoryUri), which the reused reference names.
            if (!await registry.LookUpRepositoryAsync(cancellationToken).ConfigureAwait(false))
            {
                Log.Information($"{Images.ImageBuilder.Step}: repository {registry.Repository} does not exist yet; building.");
                return null;
            }
        }
        catch (DeliveryException error)
        {
            // Only an optimisation: PushToEcr reports a registry that really does not work.
            Log.Warning($"{Images.ImageBuilder.Step}: could not look up repository {registry.Repository} ({error.Message}); building.");
            return null;
        }

        return await new ImageReuse(Log).FindAsync(registry, git.Commit, BuildRecipe.Of(options), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// One delivery of a service at a time: the first of PushToEcr, MigrateViaEcs, Deploy and SmokeTest
    /// takes the lock of each configured service (in name order, so two runs never wait on each other),
    /// held until the run ends. A second run waits (up to lock-timeout) or stops naming the holder.
    /// PushToEcr takes it too: two runs of one commit that both built would otherwise both push the
    /// tag (the second overwriting a mutable one, failing on an immutable one); in turn, the second
    /// finds the first's image under the tag and uses it, so both deliver one digest.
    /// </summary>
    public async Task HoldDeliveryLockAsync(string step, CancellationToken cancellationToken)
    {
        if (_locked)
        {
            return;
        }

        var options = new DeliveryLockOptions { Timeout = Settings.LockTimeout };
        var holder = DeliveryLock.Describe($"{step} of {Settings.Environment} from {Settings.RepositoryRoot}", Clock.GetUtcNow());
        foreach (var service in Settings.Services.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            _locks.Add(await DeliveryLock.AcquireAsync(Settings.Environment, service, holder, options, Log, Clock, cancellationToken).ConfigureAwait(false));
        }

        _locked = true;
    }

    /// <summary>
    /// Asked once the delivery lock is held: whether another run delivered <paramref name="image"/>
    /// (migrated and serving it) since <paramref name="runStarted"/>, read from the platform
    /// (<see cref="DeliveredMeanwhile"/>). Null when this run must deliver; a platform that cannot
    /// be read here says so and the run delivers as usual, where the real error surfaces.
    /// </summary>
    public async Task<string?> DeliveredMeanwhileAsync(string image, DateTimeOffset runStarted, CancellationToken cancellationToken)
    {
        var reader = Platform.StatusReader();
        try
        {
            var services = new List<Status.ServiceStatus>();
            foreach (var service in Settings.Services.Distinct(StringComparer.Ordinal))
            {
                services.Add(await reader.ServiceAsync(service, cancellationToken).ConfigureAwait(false));
            }

            var last = await reader.LastOneOffTaskAsync(Platform.MigrationTask(image).Family, cancellationToken).ConfigureAwait(false);
            return DeliveredMeanwhile.Judge(image, runStarted, services, last);
        }
        catch (DeliveryException error)
        {
            Log.Verbose($"Could not read what serves to tell whether another run delivered {image} meanwhile ({error.Message}); delivering.");
            return null;
        }
    }

    public IReadOnlyList<ServiceRolloutRequest> RolloutRequests(string image) =>
        Settings.Services.Select(s => new ServiceRolloutRequest(s, Settings.ContainerName, image)).ToList();

    /// <param name="deployedVersion">The version this run deployed (the image's tag, its APP_VERSION); null when unknown.</param>
    public SmokeTester SmokeTester(string? deployedVersion) => new(
        _smokeHttp,
        Log,
        new SmokeOptions
        {
            Timeout = Settings.SmokeTimeout,
            ExtraChecks = Settings.SmokeChecks,
            HealthPath = Settings.HealthPath,
            Version = ExpectedVersion(deployedVersion),
        },
        Clock);

    private VersionCheck? ExpectedVersion(string? deployedVersion)
    {
        if (Settings.SmokeVersionPath is not { } path)
        {
            return null;
        }

        if (deployedVersion is null)
        {
            Log.Information($"SmokeTest: not checking the version at GET {path}: this run built no image and no --image-tag names the version deployed.");
            return null;
        }

        return new VersionCheck(path, Settings.SmokeVersionField, deployedVersion);
    }

    public void Dispose()
    {
        _locks.ForEach(l => l.Dispose());
        _locks.Clear();
        if (_platform.IsValueCreated)
        {
            _platform.Value.Dispose();
        }

        _smokeHttp.Dispose();
    }
}
