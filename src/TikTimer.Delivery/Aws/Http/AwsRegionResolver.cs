using Amazon.Runtime;
using Amazon.Runtime.CredentialManagement;

namespace TikTimer.Delivery.Aws.Http;

/// <summary>
/// Region from the options, else the named profile's region, else the SDK's chain
/// (AWS_REGION, AWS_DEFAULT_REGION, AWS_PROFILE's or the default profile's region).
/// Instance metadata is not probed: it stalls for seconds off EC2, and CI runners
/// on EC2 set AWS_REGION through configure-aws-credentials anyway.
/// </summary>
internal static class AwsRegionResolver
{
    public static string Resolve(AwsClientOptions options)
    {
        if (!string.IsNullOrWhiteSpace(options.Region))
        {
            return options.Region;
        }

        if (options.Profile is { } profile
            && new CredentialProfileStoreChain().TryGetProfile(profile, out var credentialProfile)
            && credentialProfile.Region is { } profileRegion)
        {
            return profileRegion.SystemName;
        }

        FallbackRegionFactory.Reset();
        var region = FallbackRegionFactory.GetRegionEndpoint(false)?.SystemName;
        if (!string.IsNullOrWhiteSpace(region))
        {
            return region;
        }

        throw new DeliveryException(
            "AWS region: none is configured. Set the region in the environment's settings, "
            + "or AWS_REGION (or AWS_DEFAULT_REGION), or 'region' in the AWS profile you use.");
    }
}
