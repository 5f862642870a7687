namespace TikTimer.Delivery.Aws;

/// <summary>
/// How to reach AWS. Every member is optional: by default the region and credentials come
/// from the AWS SDK's chains and endpoints from the AWS_ENDPOINT_URL* convention, else the
/// public regional endpoints.
/// </summary>
public sealed record AwsClientOptions
{
    public const int DefaultMaxAttempts = 3;

    /// <summary>Region such as eu-west-1. Null: the profile's region, then AWS_REGION / AWS_DEFAULT_REGION / config file.</summary>
    public string? Region { get; init; }

    /// <summary>Named profile (SSO, assume-role, static). Null: AWS_PROFILE, else the SDK's default chain.</summary>
    public string? Profile { get; init; }

    /// <summary>Explicit credentials that bypass the SDK chain. Null in production.</summary>
    public AwsCredentials? Credentials { get; init; }

    /// <summary>Endpoint for every service (like AWS_ENDPOINT_URL), e.g. a moto or LocalStack URL.</summary>
    public Uri? EndpointUrl { get; init; }

    public Uri? EcsEndpointUrl { get; init; }

    public Uri? EcrEndpointUrl { get; init; }

    public Uri? CloudWatchLogsEndpointUrl { get; init; }

    public Uri? StsEndpointUrl { get; init; }

    public Uri? Ec2EndpointUrl { get; init; }

    /// <summary>Attempts per call, including the first; 1 to 10. Default 3 (the AWS SDK "standard" mode).</summary>
    public int MaxAttempts { get; init; } = DefaultMaxAttempts;

    /// <summary>Base of the exponential backoff; 1 ms to 10 s. Default 500 ms.</summary>
    public TimeSpan BaseRetryDelay { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Cap of one backoff delay; at least <see cref="BaseRetryDelay"/>, at most 5 min. Default 20 s.</summary>
    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>Time allowed for one HTTP attempt; 1 s to 10 min. Default 30 s.</summary>
    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Every problem with these options, empty when they are usable.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (MaxAttempts is < 1 or > 10)
        {
            problems.Add($"MaxAttempts must be between 1 and 10 (was {MaxAttempts}).");
        }

        if (BaseRetryDelay < TimeSpan.FromMilliseconds(1) || BaseRetryDelay > TimeSpan.FromSeconds(10))
        {
            problems.Add($"BaseRetryDelay must be between 1 ms and 10 s (was {BaseRetryDelay}).");
        }

        if (MaxRetryDelay < BaseRetryDelay || MaxRetryDelay > TimeSpan.FromMinutes(5))
        {
            problems.Add($"MaxRetryDelay must be between BaseRetryDelay and 5 min (was {MaxRetryDelay}).");
        }

        if (AttemptTimeout < TimeSpan.FromSeconds(1) || AttemptTimeout > TimeSpan.FromMinutes(10))
        {
            problems.Add($"AttemptTimeout must be between 1 s and 10 min (was {AttemptTimeout}).");
        }

        if (Region is not null && !IsRegionName(Region))
        {
            problems.Add($"Region '{Region}' is not a region name such as eu-west-1.");
        }

        foreach (var (name, url) in new[]
                 {
                     ("EndpointUrl", EndpointUrl), ("EcsEndpointUrl", EcsEndpointUrl), ("EcrEndpointUrl", EcrEndpointUrl),
                     ("CloudWatchLogsEndpointUrl", CloudWatchLogsEndpointUrl), ("StsEndpointUrl", StsEndpointUrl), ("Ec2EndpointUrl", Ec2EndpointUrl),
                 })
        {
            if (url is not null && (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps)))
            {
                problems.Add($"{name} '{url}' must be an absolute http or https URL.");
            }
        }

        return problems;
    }

    internal static bool IsRegionName(string region) =>
        region.Length is > 2 and < 40 && region.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-');
}
