using TikTimer.Delivery.Aws;
using TikTimer.Delivery.Configuration;
using TikTimer.Delivery.Docker;
using TikTimer.Delivery.Processes;
using TikTimer.Delivery.Reporting;

namespace TikTimer.Delivery.Pipeline;

/// <summary>
/// The run's composition root: the settings and the real parts built from
/// them, each created on first use (a local run never builds an AWS client).
/// </summary>
public sealed class DeliveryServices : IDisposable
{
    private readonly Lazy<AwsClients> _aws;

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
        Docker = new DockerCli(Processes, log);
        _aws = new Lazy<AwsClients>(() => AwsClientFactory.Create((configureAws ?? (o => o))(AwsOptions(settings)), Clock, log));
    }

    public DeliverySettings Settings { get; }

    public IDeliveryLog Log { get; }

    public TimeProvider Clock { get; }

    public IProcessRunner Processes { get; }

    public DockerCli Docker { get; }

    public AwsClients Aws => _aws.Value;

    public static AwsClientOptions AwsOptions(DeliverySettings settings) => new()
    {
        Region = settings.Region,
        Profile = settings.AwsProfile,
        EcsEndpointUrl = settings.EcsEndpoint,
        EcrEndpointUrl = settings.EcrEndpoint,
        CloudWatchLogsEndpointUrl = settings.LogsEndpoint,
        StsEndpointUrl = settings.StsEndpoint,
        MaxAttempts = settings.AwsMaxAttempts,
    };

    public void Dispose()
    {
        if (_aws.IsValueCreated)
        {
            _aws.Value.Dispose();
        }
    }
}
