using TikTimer.Delivery.Aws.Ecr;
using TikTimer.Delivery.Aws.Ecs;
using TikTimer.Delivery.Aws.Http;
using TikTimer.Delivery.Aws.Logs;
using TikTimer.Delivery.Aws.Sts;
using TikTimer.Delivery.Reporting;

namespace TikTimer.Delivery.Aws;

/// <summary>
/// Builds the ECS, ECR, CloudWatch Logs and STS clients from <see cref="AwsClientOptions"/>.
/// The region is resolved now (a missing one fails here, before anything is changed);
/// credentials on the first call, so that building clients never blocks.
/// </summary>
public static class AwsClientFactory
{
    public static AwsClients Create(AwsClientOptions options, TimeProvider? timeProvider = null, IDeliveryLog? log = null) =>
        Create(options, timeProvider, log, handler: null, Environment.GetEnvironmentVariable, jitter: null);

    internal static AwsClients Create(
        AwsClientOptions options,
        TimeProvider? timeProvider,
        IDeliveryLog? log,
        HttpMessageHandler? handler,
        Func<string, string?> environment,
        Func<double>? jitter)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = options.Problems();
        if (problems.Count > 0)
        {
            throw new DeliveryException("AWS client options are invalid: " + string.Join(" ", problems));
        }

        var time = timeProvider ?? TimeProvider.System;
        var region = AwsRegionResolver.Resolve(options);
        IAwsCredentialSource credentials = options.Credentials is { } explicitCredentials
            ? new StaticCredentialSource(explicitCredentials)
            : new SdkCredentialSource(options.Profile);
        if (options.Credentials is { } c)
        {
            log?.RegisterSecret(c.SecretAccessKey);
            if (c.SessionToken is not null)
            {
                log?.RegisterSecret(c.SessionToken);
            }
        }

        // Per-attempt timeouts are ours (on the injected clock), so HttpClient's own is off.
        var http = new HttpClient(handler ?? new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
        var retry = new AwsRetryPolicy(options.MaxAttempts, options.BaseRetryDelay, options.MaxRetryDelay, jitter ?? Random.Shared.NextDouble);

        AwsRequestSender Sender(AwsService service) => new(
            service, AwsEndpointResolver.Resolve(service, region, options, environment), region, credentials, retry, options.AttemptTimeout, http, time, log);

        return new AwsClients(
            new EcsClient(new AwsJsonProtocol(Sender(AwsService.Ecs))),
            new EcrClient(new AwsJsonProtocol(Sender(AwsService.Ecr)), log),
            new CloudWatchLogsClient(new AwsJsonProtocol(Sender(AwsService.Logs))),
            new StsClient(Sender(AwsService.Sts)),
            region,
            http);
    }

    /// <summary>A sender for another service through the same pipeline (tests prepare moto's EC2 with it).</summary>
    internal static AwsRequestSender CreateSender(
        AwsService service,
        AwsClientOptions options,
        HttpClient http,
        TimeProvider? timeProvider = null,
        IDeliveryLog? log = null,
        Func<double>? jitter = null,
        Func<string, string?>? environment = null)
    {
        var region = AwsRegionResolver.Resolve(options);
        IAwsCredentialSource credentials = options.Credentials is { } c ? new StaticCredentialSource(c) : new SdkCredentialSource(options.Profile);
        var retry = new AwsRetryPolicy(options.MaxAttempts, options.BaseRetryDelay, options.MaxRetryDelay, jitter ?? Random.Shared.NextDouble);
        return new AwsRequestSender(
            service,
            AwsEndpointResolver.Resolve(service, region, options, environment ?? Environment.GetEnvironmentVariable),
            region,
            credentials,
            retry,
            options.AttemptTimeout,
            http,
            timeProvider ?? TimeProvider.System,
            log);
    }
}
