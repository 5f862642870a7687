namespace TikTimer.Delivery.Aws.Ec2;

public sealed record DescribeSecurityGroupsRequest
{
    public IReadOnlyList<Ec2Filter> Filters { get; init; } = [];

    public string? NextToken { get; init; }

    /// <summary>The security groups with these ids, as many as exist.</summary>
    public static DescribeSecurityGroupsRequest WithIds(IEnumerable<string> groupIds) => new() { Filters = [new("group-id", [.. groupIds])] };
}

public sealed record DescribeSecurityGroupsResponse(IReadOnlyList<SecurityGroup> SecurityGroups, string? NextToken);

public sealed record SecurityGroup(string GroupId, string? GroupName, string? VpcId);
