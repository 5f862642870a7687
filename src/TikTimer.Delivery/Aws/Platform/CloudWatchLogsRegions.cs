using System.Collections.Concurrent;
using TikTimer.Delivery.Aws.Logs;
using TikTimer.Delivery.Reporting;

namespace TikTimer.Delivery.Aws.Platform;

/// <summary>
/// The CloudWatch Logs client for a log group's region. A container's <c>awslogs-region</c>
/// may differ from the region the task runs in; a client signs for one region only, so
/// another region gets its own client, made on first use and disposed with this object.
/// </summary>
public sealed class CloudWatchLogsRegions : IDisposable
{
    private readonly ICloudWatchLogsApi _home;
    private readonly string _homeRegion;
    private readonly Func<string, AwsClients>? _create;
    private readonly ConcurrentDictionary<string, Lazy<AwsClients>> _others = new(StringComparer.Ordinal);

    /// <param name="home">The client for <paramref name="homeRegion"/>.</param>
    /// <param name="create">Makes clients for another region; null: logs elsewhere cannot be read (the read fails, saying so).</param>
    public CloudWatchLogsRegions(ICloudWatchLogsApi home, string homeRegion, Func<string, AwsClients>? create = null)
    {
        _home = home ?? throw new ArgumentNullException(nameof(home));
        _homeRegion = homeRegion ?? throw new ArgumentNullException(nameof(homeRegion));
        _create = create;
    }

    /// <summary>Clients for other regions are made like <paramref name="clients"/>, from the same options with another region.</summary>
    public static CloudWatchLogsRegions From(AwsClients clients, AwsClientOptions options, TimeProvider? timeProvider = null, IDeliveryLog? log = null)
    {
        ArgumentNullException.ThrowIfNull(clients);
        ArgumentNullException.ThrowIfNull(options);
        return new CloudWatchLogsRegions(clients.Logs, clients.Region, region => AwsClientFactory.Create(options with { Region = region }, timeProvider, log));
    }

    /// <summary>The client for <paramref name="region"/>; null or empty means the home region.</summary>
    public ICloudWatchLogsApi For(string? region)
    {
        if (string.IsNullOrEmpty(region) || string.Equals(region, _homeRegion, StringComparison.Ordinal))
        {
            return _home;
        }

        if (_create is null)
        {
            throw new DeliveryException(
                $"The log group is in {region} but CloudWatch Logs is read in {_homeRegion} only; "
                + $"set awslogs-region to {_homeRegion} or read the logs in the {region} console.");
        }

        return _others.GetOrAdd(region, r => new Lazy<AwsClients>(() => _create(r))).Value.Logs;
    }

    public void Dispose()
    {
        foreach (var clients in _others.Values.Where(l => l.IsValueCreated))
        {
            clients.Value.Dispose();
        }
    }
}
