namespace TikTimer.Delivery.Aws.Ecs;

/// <param name="Services">Up to 10 service names or ARNs.</param>
public sealed record DescribeServicesRequest(string Cluster, IReadOnlyList<string> Services);

public sealed record DescribeServicesResponse
{
    public IReadOnlyList<Service> Services { get; init; } = [];

    /// <summary>Services that were not found come back here with reason MISSING, not as an error.</summary>
    public IReadOnlyList<Failure> Failures { get; init; } = [];
}
