using TikTimer.Delivery.Aws.Ec2;
using TikTimer.Delivery.Aws.Ecr;
using TikTimer.Delivery.Aws.Ecs;
using TikTimer.Delivery.Aws.Http;
using TikTimer.Delivery.Aws.Logs;
using TikTimer.Delivery.Aws.Sts;
using TikTimer.Delivery.Reporting;

namespace TikTimer.Delivery.Aws;

/// <summary>
/// Builds the ECS, ECR, CloudWatch Logs, STS and EC2 clients from <see cref="AwsClientOptions"/>.
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

        var region = AwsRegionResolver.Resolve(options);
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
        var credentials = Credentials(options);
        AwsRequestSender Sender(AwsService service) => NewSender(service, options, region, credentials, http, timeProvider, log, jitter, environment);

        try
        {
            return new AwsClients(
                new EcsClient(new AwsJsonProtocol(Sender(AwsService.Ecs))),
                new EcrClient(new AwsJsonProtocol(Sender(AwsService.Ecr)), log),
                new CloudWatchLogsClient(new AwsJsonProtocol(Sender(AwsService.Logs))),
                new StsClient(Sender(AwsService.Sts)),
                new Ec2Client(Sender(AwsService.Ec2)),
                region,
                http);
        }
        catch
        {
            // A malformed AWS_ENDPOINT_URL* fails here; do not leak the connection pool.
            http.Dispose();
            throw;
        }
    }

    /// <summary>A sender for another service through the same pipeline (tests prepare moto's IAM and Logs with it).</summary>
    internal static AwsRequestSender CreateSender(AwsService service, AwsClientOptions options, HttpClient http) =>
        NewSender(service, options, AwsRegionResolver.Resolve(options), Credentials(options), http, null, null, null, Environment.GetEnvironmentVariable);

    private static IAwsCredentialSource Credentials(AwsClientOptions options) =>
        options.Credentials is { } c ? new StaticCredentialSource(c) : new SdkCredentialSource(options.Profile);

    private static AwsRequestSender NewSender(
        AwsService service,
        AwsClientOptions options,
        string region,
        IAwsCredentialSource credentials,
        HttpClient http,
        TimeProvider? timeProvider,
        IDeliveryLog? log,
        Func<double>? jitter,
        Func<string, string?> environment) =>
        new(
            service,
            AwsEndpointResolver.Resolve(service, region, options, environment),
            region,
            credentials,
            new AwsRetryPolicy(options.MaxAttempts, options.BaseRetryDelay, options.MaxRetryDelay, jitter ?? Random.Shared.NextDouble),
            options.AttemptTimeout,
            http,
            timeProvider ?? TimeProvider.System,
            log);
}
