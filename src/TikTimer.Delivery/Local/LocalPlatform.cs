using TikTimer.Delivery.Configuration;
using TikTimer.Delivery.Docker;
using TikTimer.Delivery.Images;
using TikTimer.Delivery.Migrations;
using TikTimer.Delivery.Platform;
using TikTimer.Delivery.Polling;
using TikTimer.Delivery.Reporting;
using TikTimer.Delivery.Rollout;

namespace TikTimer.Delivery.Local;

/// <summary>
/// The local platform: migrations and services as containers of the Docker engine,
/// images in the local registry, the database in the local PostgreSQL.
/// </summary>
public sealed class LocalPlatform : IDeliveryPlatform
{
    /// <summary>The family the local platform labels its migration containers with.</summary>
    public const string MigrationFamily = "tiktimer-local-migration";

    private readonly DeliverySettings _settings;
    private readonly DockerCli _docker;
    private readonly IDeliveryLog _log;
    private readonly TimeProvider _clock;
    private readonly HttpClient _http = new();
    private LocalImageRegistry? _registry;

    public LocalPlatform(DeliverySettings settings, DockerCli docker, IDeliveryLog log, TimeProvider clock)
    {
        _settings = settings ?? throw new ArgumentNullException(nameof(settings));
        _docker = docker ?? throw new ArgumentNullException(nameof(docker));
        _log = log ?? throw new ArgumentNullException(nameof(log));
        _clock = clock ?? throw new ArgumentNullException(nameof(clock));
    }

    // docker logs has no ingestion lag, unlike CloudWatch Logs: once the container has exited they are complete.
    public TimeSpan LogGracePeriod => TimeSpan.Zero;

    /// <summary>
    /// A describe is one local <c>docker container inspect</c>, not a metered API call, and a local
    /// migration takes a second or two: every 100 ms for 3 s, then backing off to every 2 s.
    /// </summary>
    public AdaptivePollingSchedule MigrationPolling { get; } = AdaptivePollingSchedule.Default with
    {
        QuickInterval = TimeSpan.FromMilliseconds(100),
        QuickPhase = TimeSpan.FromSeconds(3),
        MaxInterval = TimeSpan.FromSeconds(2),
    };

    /// <summary>
    /// A describe is a container listing and one GET of the health path on the loopback; a local
    /// service is healthy within a second or two of its start, so the first seconds poll quickly.
    /// </summary>
    public AdaptivePollingSchedule RolloutPolling { get; } = AdaptivePollingSchedule.Default with
    {
        QuickInterval = TimeSpan.FromMilliseconds(100),
        QuickPhase = TimeSpan.FromSeconds(5),
        MaxInterval = TimeSpan.FromSeconds(2),
    };

    private LocalServiceOptions ServiceOptions => new() { Ports = _settings.LocalPorts, DatabaseUrl = _settings.DatabaseUrl, HealthPath = _settings.HealthPath };

    public IEnumerable<Validation.IPrerequisiteCheck> PreflightChecks() => LocalPreflight.Checks(_settings, _log);

    public Task<IImageRegistry> ImageRegistryAsync(CancellationToken cancellationToken)
    {
        _registry ??= LocalRegistryAccess.Open(_settings, _log, ImagePusher.Step);
        return Task.FromResult<IImageRegistry>(_registry);
    }

    public IOneOffTaskPlatform OneOffTasks() =>
        new LocalOneOffTaskPlatform(_docker, _log, new LocalOneOffTaskOptions { DatabaseUrl = _settings.DatabaseUrl }, LocalRegistryAccess.Puller(_settings, _docker, _log, "MigrateViaEcs"));

    // The local image has no task definition, so its migration verb is the default command.
    public OneOffTaskSpec MigrationTask(string image) =>
        new(_settings.MigrationTaskFamily ?? MigrationFamily, image, _settings.MigrationCommand ?? ["migrate"]);

    public IServiceRolloutPlatform ServiceRollouts() =>
        new LocalServiceRolloutPlatform(_docker, _log, _http, ServiceOptions, _clock, LocalRegistryAccess.Puller(_settings, _docker, _log, "Deploy"));

    /// <summary>
    /// The container that served <paramref name="url"/> must still be the one serving there (else the
    /// answers came from something else), and it becomes the rollback point of later deploys.
    /// </summary>
    public async Task ConfirmSmokeTestedAsync(Uri url, CancellationToken cancellationToken)
    {
        if (_settings.SmokeBaseUrl is not null)
        {
            return;
        }

        var service = _settings.Services[0];
        var serving = await new LocalServiceLocator(_docker, _http, ServiceOptions).FindServingContainerNameAsync(service, cancellationToken).ConfigureAwait(false);
        if (serving is null || serving.Value.Url != url)
        {
            throw new DeliveryException(
                $"SmokeTest: the container of {service} that served {url} stopped during the smoke test (now {(serving is null ? "none serves" : $"{serving.Value.Name} serves {serving.Value.Url}")}); its answers cannot be trusted. Check `docker ps -a --filter label={LocalLabels.Service}={service}` and deploy again.");
        }

        await new LocalServiceRolloutPlatform(_docker, _log, _http, ServiceOptions, _clock)
            .MarkVerifiedAsync(service, serving.Value.Name, cancellationToken).ConfigureAwait(false);
        _log.Information($"SmokeTest: {serving.Value.Name} passed; it is now the rollback point of {service}.");
    }

    public Status.IDeliveryStatusReader StatusReader() =>
        new LocalStatusReader(_docker, new LocalServiceLocator(_docker, _http, ServiceOptions));

    public Delivery.Plan.IPlanReader PlanReader() =>
        new LocalPlanReader(_docker, new LocalServiceLocator(_docker, _http, ServiceOptions), ServiceOptions, Records.DeliveryRecordStore.ForRepository(_settings.RepositoryRoot), _settings.Environment);

    public async Task<Uri> ServiceUrlAsync(CancellationToken cancellationToken)
    {
        var service = _settings.Services[0];
        return await new LocalServiceLocator(_docker, _http, ServiceOptions).FindServingAsync(service, cancellationToken).ConfigureAwait(false)
            ?? throw new DeliveryException($"SmokeTest: no local container of service '{service}' is serving. Run Deploy first (drop --exclusive), or set --smoke-base-url.");
    }

    public void Dispose()
    {
        _registry?.Dispose();
        _http.Dispose();
    }
}
