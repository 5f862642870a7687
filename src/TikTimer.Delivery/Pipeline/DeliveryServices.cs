using TikTimer.Delivery.Aws;
using TikTimer.Delivery.Aws.Platform;
using TikTimer.Delivery.Configuration;
using TikTimer.Delivery.Docker;
using TikTimer.Delivery.Locking;
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
        Docker = new DockerCli(Processes, log);
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

    /// <summary>
    /// One delivery of a service at a time: the first of MigrateViaEcs, Deploy and SmokeTest takes
    /// the lock of each configured service (in name order, so two runs never wait on each other),
    /// held until the run ends. A second run waits (up to lock-timeout) or stops naming the holder.
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

    public void Dispose()
    {
        _locks.ForEach(l => l.Dispose());
        _locks.Clear();
        if (_aws.IsValueCreated)
        {
            _aws.Value.Dispose();
        }
    }
}
