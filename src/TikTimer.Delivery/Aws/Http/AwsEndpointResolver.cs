using Amazon;

namespace TikTimer.Delivery.Aws.Http;

/// <summary>
/// Picks the endpoint the way the AWS SDKs do, with explicit options first:
/// service option, global option, AWS_ENDPOINT_URL_&lt;SERVICE&gt;, AWS_ENDPOINT_URL,
/// then the public regional endpoint. AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true
/// turns the environment variables off, as in the SDKs.
/// </summary>
internal static class AwsEndpointResolver
{
    public static Uri Resolve(AwsService service, string region, AwsClientOptions options, Func<string, string?> environment)
    {
        var explicitUrl = service.EnvironmentSuffix switch
        {
            "ECS" => options.EcsEndpointUrl,
            "ECR" => options.EcrEndpointUrl,
            "CLOUDWATCH_LOGS" => options.CloudWatchLogsEndpointUrl,
            "STS" => options.StsEndpointUrl,
            "EC2" => options.Ec2EndpointUrl,
            _ => null,
        };
        if ((explicitUrl ?? options.EndpointUrl) is { } configured)
        {
            return configured;
        }

        if (!string.Equals(environment("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"), "true", StringComparison.OrdinalIgnoreCase))
        {
            foreach (var variable in new[] { "AWS_ENDPOINT_URL_" + service.EnvironmentSuffix, "AWS_ENDPOINT_URL" })
            {
                var value = environment(variable);
                if (string.IsNullOrWhiteSpace(value))
                {
                    continue;
                }

                if (!Uri.TryCreate(value.Trim(), UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
                {
                    throw new DeliveryException($"AWS endpoint: {variable}='{value}' is not an absolute http or https URL. Fix or unset the variable.");
                }

                return url;
            }
        }

        return new Uri($"https://{service.EndpointPrefix}.{region}.{DnsSuffix(region)}");
    }

    private static string DnsSuffix(string region)
    {
        var suffix = RegionEndpoint.GetBySystemName(region).PartitionDnsSuffix;
        return string.IsNullOrEmpty(suffix) ? "amazonaws.com" : suffix;
    }
}
