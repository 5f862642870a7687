using System.Globalization;
using System.Xml.Linq;
using TikTimer.Delivery.Aws.Http;

namespace TikTimer.Delivery.Aws.Ec2;

/// <summary>
/// EC2 over its Query protocol (form body in, XML out; lists as <c>Filter.N.Value.M</c>),
/// through the same signing, retry and error pipeline as the other services. Both calls only read.
/// </summary>
internal sealed class Ec2Client(AwsRequestSender sender) : IEc2Api
{
    public const string ApiVersion = "2016-11-15";

    public async Task<DescribeSubnetsResponse> DescribeSubnetsAsync(DescribeSubnetsRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var root = await InvokeAsync("DescribeSubnets", request.Filters, request.NextToken, AwsResource.Subnet, cancellationToken).ConfigureAwait(false);
        var subnets = Items(root, "subnetSet")
            .Select(item => new Subnet(Value(item, "subnetId") ?? string.Empty, Value(item, "vpcId"), Value(item, "state"), Value(item, "availabilityZone")))
            .ToList();
        return new DescribeSubnetsResponse(subnets, NextToken(root));
    }

    public async Task<DescribeSecurityGroupsResponse> DescribeSecurityGroupsAsync(DescribeSecurityGroupsRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var root = await InvokeAsync("DescribeSecurityGroups", request.Filters, request.NextToken, AwsResource.SecurityGroup, cancellationToken).ConfigureAwait(false);
        var groups = Items(root, "securityGroupInfo")
            .Select(item => new SecurityGroup(Value(item, "groupId") ?? string.Empty, Value(item, "groupName"), Value(item, "vpcId")))
            .ToList();
        return new DescribeSecurityGroupsResponse(groups, NextToken(root));
    }

    /// <summary>The Query protocol's names for a request's filters and token (EC2 numbers list members from 1).</summary>
    internal static List<KeyValuePair<string, string>> Parameters(IReadOnlyList<Ec2Filter> filters, string? nextToken)
    {
        var parameters = new List<KeyValuePair<string, string>>();
        for (var i = 0; i < filters.Count; i++)
        {
            var prefix = "Filter." + (i + 1).ToString(CultureInfo.InvariantCulture);
            parameters.Add(new($"{prefix}.Name", filters[i].Name));
            for (var j = 0; j < filters[i].Values.Count; j++)
            {
                parameters.Add(new($"{prefix}.Value.{(j + 1).ToString(CultureInfo.InvariantCulture)}", filters[i].Values[j]));
            }
        }

        if (!string.IsNullOrEmpty(nextToken))
        {
            parameters.Add(new("NextToken", nextToken));
        }

        return parameters;
    }

    private Task<XElement> InvokeAsync(string action, IReadOnlyList<Ec2Filter> filters, string? nextToken, string kind, CancellationToken cancellationToken) =>
        AwsQueryProtocol.InvokeAsync(
            sender, action, ApiVersion, Parameters(filters, nextToken), cancellationToken, idempotent: true,
            [.. filters.SelectMany(f => f.Values).Select(v => new AwsResource(kind, v))]);

    // Only the set's own <item>s: a security group's rules are <item>s too, one level down.
    private static IEnumerable<XElement> Items(XElement root, string set) =>
        root.Elements().Where(e => e.Name.LocalName == set).Elements().Where(e => e.Name.LocalName == "item");

    private static string? Value(XElement item, string name) =>
        item.Elements().FirstOrDefault(e => e.Name.LocalName == name)?.Value.Trim() is { Length: > 0 } value ? value : null;

    private static string? NextToken(XElement root) => Value(root, "nextToken");
}
