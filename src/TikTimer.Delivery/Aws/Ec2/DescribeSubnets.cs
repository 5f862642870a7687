namespace TikTimer.Delivery.Aws.Ec2;

public sealed record DescribeSubnetsRequest
{
    public IReadOnlyList<Ec2Filter> Filters { get; init; } = [];

    public string? NextToken { get; init; }

    /// <summary>The subnets with these ids, as many as exist.</summary>
    public static DescribeSubnetsRequest WithIds(IEnumerable<string> subnetIds) => new() { Filters = [new("subnet-id", [.. subnetIds])] };
}

public sealed record DescribeSubnetsResponse(IReadOnlyList<Subnet> Subnets, string? NextToken);

public sealed record Subnet(string SubnetId, string? VpcId, string? State, string? AvailabilityZone);
