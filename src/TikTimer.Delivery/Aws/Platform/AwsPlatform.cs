using TikTimer.Delivery.Configuration;
using TikTimer.Delivery.Images;
using TikTimer.Delivery.Migrations;
using TikTimer.Delivery.Polling;
using TikTimer.Delivery.Platform;
using TikTimer.Delivery.Reporting;
using TikTimer.Delivery.Rollout;
using TikTimer.Delivery.Validation;

namespace TikTimer.Delivery.Aws.Platform;

/// <summary>
/// The aws platform's implementations of the seams, built from the run's settings over
/// one set of AWS clients. Dispose it when the run ends (it owns the connection pool).
/// </summary>
public sealed class AwsPlatform : IDeliveryPlatform
{
    private readonly DeliverySettings _settings;
    private readonly IDeliveryLog _log;
    private readonly CloudWatchLogsRegions _logs;

    private AwsPlatform(DeliverySettings settings, AwsClientOptions options, AwsClients clients, IDeliveryLog log, TimeProvider? timeProvider)
    {
        _settings = settings;
        _log = log;
        ClientOptions = options;
        Clients = clients;
        _logs = CloudWatchLogsRegions.From(clients, options, timeProvider, log);
    }

    public AwsClientOptions ClientOptions { get; }

    public AwsClients Clients { get; }

    /// <summary>Over clients with <paramref name="options"/>, usually <see cref="ClientOptionsFrom"/> (tests pin credentials and attempts).</summary>
    public static AwsPlatform Create(DeliverySettings settings, AwsClientOptions options, IDeliveryLog log, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(log);
        return new AwsPlatform(settings, options, AwsClientFactory.Create(options, timeProvider, log), log, timeProvider);
    }

    /// <summary>Region, profile, endpoints and attempts from the settings; the rest from the AWS SDK's chains.</summary>
    public static AwsClientOptions ClientOptionsFrom(DeliverySettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return new AwsClientOptions
        {
            Region = settings.Region,
            Profile = settings.AwsProfile,
            EcsEndpointUrl = settings.EcsEndpoint,
            EcrEndpointUrl = settings.EcrEndpoint,
            CloudWatchLogsEndpointUrl = settings.LogsEndpoint,
            StsEndpointUrl = settings.StsEndpoint,
            Ec2EndpointUrl = settings.Ec2Endpoint,
            MaxAttempts = settings.AwsMaxAttempts,
        };
    }

    /// <summary>The migration task platform (MigrateViaEcs).</summary>
    public EcsOneOffTaskPlatform OneOffTasks() => new(Clients.Ecs, _logs, OneOffTaskOptionsFrom(_settings, Clients.Region), _log);

    /// <summary>The service rollout platform (Deploy).</summary>
    public EcsServiceRolloutPlatform ServiceRollouts() => new(Clients.Ecs, new EcsServiceRolloutOptions { Cluster = _settings.Cluster ?? string.Empty }, _log);

    /// <summary>The ECR repository (PushToEcr); asks STS for the account that owns it.</summary>
    public async Task<EcrImageRegistry> ImageRegistryAsync(CancellationToken cancellationToken = default)
    {
        var identity = await Clients.Sts.GetCallerIdentityAsync(cancellationToken).ConfigureAwait(false);
        return new EcrImageRegistry(Clients.Ecr, RegistryOptionsFrom(_settings, identity.Account, Clients.Region), _log);
    }

    /// <summary>The migration's default grace is CloudWatch Logs' ingestion lag.</summary>
    public TimeSpan LogGracePeriod => new MigrationOptions().LogGracePeriod;

    /// <summary>The defaults are ECS's pace: DescribeTasks and DescribeServices are metered API calls.</summary>
    public AdaptivePollingSchedule MigrationPolling => new MigrationOptions().Polling;

    public AdaptivePollingSchedule RolloutPolling => new RolloutOptions().Polling;

    public IEnumerable<IPrerequisiteCheck> PreflightChecks() => AwsPreflight.Checks(Clients, _logs, _settings, _log);

    async Task<IImageRegistry> IDeliveryPlatform.ImageRegistryAsync(CancellationToken cancellationToken) =>
        await ImageRegistryAsync(cancellationToken).ConfigureAwait(false);

    IOneOffTaskPlatform IDeliveryPlatform.OneOffTasks() => OneOffTasks();

    // The task definition's own command runs unless one is configured.
    public OneOffTaskSpec MigrationTask(string image) =>
        new(_settings.MigrationTaskFamily ?? string.Empty, image, _settings.MigrationCommand);

    IServiceRolloutPlatform IDeliveryPlatform.ServiceRollouts() => ServiceRollouts();

    public Status.IDeliveryStatusReader StatusReader() =>
        new EcsStatusReader(Clients.Ecs, _settings.Cluster ?? string.Empty, _settings.ContainerName, _settings.MigrationContainerName);

    // Settings require smoke-base-url on aws (the load balancer's address), so this is only reached without it.
    public Task<Uri> ServiceUrlAsync(CancellationToken cancellationToken) =>
        throw new DeliveryException("SmokeTest: the aws platform has no service URL of its own. Set --smoke-base-url (the load balancer's URL, CI secret ALB_DNS).");

    public static EcsOneOffTaskOptions OneOffTaskOptionsFrom(DeliverySettings settings, string region)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return new EcsOneOffTaskOptions
        {
            Cluster = settings.Cluster ?? string.Empty,
            Region = region,
            ContainerName = settings.MigrationContainerName,
            Subnets = settings.Subnets,
            SecurityGroups = settings.SecurityGroups,
            AssignPublicIp = settings.AssignPublicIp,
            LaunchType = settings.LaunchType,
            CapacityProvider = settings.CapacityProvider,
            PlatformVersion = settings.PlatformVersion,
        };
    }

    public static EcrRegistryOptions RegistryOptionsFrom(DeliverySettings settings, string accountId, string region)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return new EcrRegistryOptions
        {
            RepositoryName = settings.Repository,
            AccountId = accountId,
            Region = region,
            CreateRepository = settings.CreateRepository,
            TagMutability = settings.TagMutability,
        };
    }

    public void Dispose()
    {
        _logs.Dispose();
        Clients.Dispose();
    }
}
