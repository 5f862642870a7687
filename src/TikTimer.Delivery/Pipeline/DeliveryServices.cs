using TikTimer.Delivery.Aws;
using TikTimer.Delivery.Aws.Platform;
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
    private readonly Lazy<AwsPlatform> _aws;

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
        _aws = new Lazy<AwsPlatform>(() => AwsPlatform.Create(
            settings,
            (configureAws ?? (o => o))(AwsPlatform.ClientOptionsFrom(settings)),
            log,
            Clock));
    }

    public DeliverySettings Settings { get; }

    public IDeliveryLog Log { get; }

    public TimeProvider Clock { get; }

    public IProcessRunner Processes { get; }

    public DockerCli Docker { get; }

    /// <summary>ECS, ECR, CloudWatch Logs and STS, and the aws implementations of the seams.</summary>
    public AwsPlatform Aws => _aws.Value;

    public void Dispose()
    {
        if (_aws.IsValueCreated)
        {
            _aws.Value.Dispose();
        }
    }
}
