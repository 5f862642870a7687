namespace TikTimer.Delivery.Configuration;

/// <summary>
/// The AWS regions this suite knows (commercial, GovCloud, China). A region
/// opened later is used with <c>allow-unknown-region</c>, not by editing this list.
/// </summary>
public static class AwsRegions
{
    public static IReadOnlySet<string> Known { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "us-east-1", "us-east-2", "us-west-1", "us-west-2",
        "af-south-1",
        "ap-east-1", "ap-east-2", "ap-south-1", "ap-south-2",
        "ap-southeast-1", "ap-southeast-2", "ap-southeast-3", "ap-southeast-4", "ap-southeast-5", "ap-southeast-7",
        "ap-northeast-1", "ap-northeast-2", "ap-northeast-3",
        "ca-central-1", "ca-west-1",
        "eu-central-1", "eu-central-2", "eu-west-1", "eu-west-2", "eu-west-3",
        "eu-south-1", "eu-south-2", "eu-north-1",
        "il-central-1", "me-south-1", "me-central-1", "mx-central-1", "sa-east-1",
        "us-gov-east-1", "us-gov-west-1", "cn-north-1", "cn-northwest-1",
    };

    public static bool IsKnown(string region) => Known.Contains(region);

    /// <summary>The nearest known region for a typo (eu-west1, eu-wset-1, us-east-l), else null.</summary>
    public static string? Suggest(string region) => NearestName.Find(region, Known.Order(StringComparer.Ordinal));
}
