using TikTimer.Delivery.Aws.Ec2;
using TikTimer.Delivery.Configuration;

namespace TikTimer.Delivery.Aws.Platform;

/// <summary>
/// The migration task's awsvpc network, read-only: every subnet and security group exists in
/// the region, and all of them are in one VPC. RunTask would otherwise fail only after the
/// image was pushed and a migration revision registered.
/// </summary>
internal sealed class AwsNetworkCheck(IEc2Api ec2, DeliverySettings settings, string region)
{
    // A page bound: ids are filtered, so more than one page means the answer is not what was asked.
    private const int MaxPages = 20;

    private Task<IReadOnlyList<Subnet>>? _subnets;

    public async Task<string?> SubnetsAsync(CancellationToken cancellationToken)
    {
        var found = await FoundSubnetsAsync(cancellationToken).ConfigureAwait(false);
        var missing = settings.Subnets.Except(found.Select(s => s.SubnetId), StringComparer.Ordinal).ToList();
        if (missing.Count > 0)
        {
            return $"{Ids("subnet", missing)} {(missing.Count == 1 ? "does" : "do")} not exist in {region}{From(SettingCatalog.Subnets)}. {Fix(SettingCatalog.Subnets)}";
        }

        var vpcs = found.Select(s => s.VpcId).Distinct(StringComparer.Ordinal).ToList();
        return vpcs.Count > 1
            ? $"the subnets are in {vpcs.Count} VPCs ({string.Join("; ", found.GroupBy(s => s.VpcId).Select(g => $"{g.Key}: {string.Join(", ", g.Select(s => s.SubnetId))}"))}), "
              + $"but a task's subnets must share one VPC. {Fix(SettingCatalog.Subnets)}"
            : null;
    }

    public async Task<string?> SecurityGroupsAsync(CancellationToken cancellationToken)
    {
        var found = await AllPagesAsync(
            token => ec2.DescribeSecurityGroupsAsync(DescribeSecurityGroupsRequest.WithIds(settings.SecurityGroups) with { NextToken = token }, cancellationToken),
            page => (page.SecurityGroups, page.NextToken)).ConfigureAwait(false);
        var missing = settings.SecurityGroups.Except(found.Select(g => g.GroupId), StringComparer.Ordinal).ToList();
        if (missing.Count > 0)
        {
            return $"{Ids("security group", missing)} {(missing.Count == 1 ? "does" : "do")} not exist in {region}{From(SettingCatalog.SecurityGroups)}. {Fix(SettingCatalog.SecurityGroups)}";
        }

        // Only worth saying when the subnets themselves are right (their own check reports them otherwise).
        if (settings.Subnets.Count == 0)
        {
            return null;
        }

        var subnetVpcs = (await FoundSubnetsAsync(cancellationToken).ConfigureAwait(false)).Select(s => s.VpcId).Distinct(StringComparer.Ordinal).ToList();
        if (subnetVpcs.Count != 1)
        {
            return null;
        }

        var elsewhere = found.Where(g => !string.Equals(g.VpcId, subnetVpcs[0], StringComparison.Ordinal)).ToList();
        return elsewhere.Count == 0
            ? null
            : $"{string.Join(", ", elsewhere.Select(g => $"{g.GroupId} is in {g.VpcId}"))}, but the subnets are in {subnetVpcs[0]}: ECS refuses a task whose "
              + $"security groups and subnets belong to different VPCs. {Fix(SettingCatalog.SecurityGroups)}";
    }

    private Task<IReadOnlyList<Subnet>> FoundSubnetsAsync(CancellationToken cancellationToken) =>
        _subnets ??= AllPagesAsync(
            token => ec2.DescribeSubnetsAsync(DescribeSubnetsRequest.WithIds(settings.Subnets) with { NextToken = token }, cancellationToken),
            page => (page.Subnets, page.NextToken));

    private static async Task<IReadOnlyList<T>> AllPagesAsync<TPage, T>(Func<string?, Task<TPage>> read, Func<TPage, (IReadOnlyList<T> Items, string? Next)> items)
    {
        var all = new List<T>();
        string? token = null;
        for (var page = 0; page < MaxPages; page++)
        {
            var (found, next) = items(await read(token).ConfigureAwait(false));
            all.AddRange(found);
            if (string.IsNullOrEmpty(next) || next == token)
            {
                break;
            }

            token = next;
        }

        return all;
    }

    private static string Ids(string kind, IReadOnlyList<string> ids) =>
        ids.Count == 1 ? $"{kind} {ids[0]}" : $"{kind}s {string.Join(", ", ids)}";

    private string From(SettingDefinition setting) =>
        settings.SourceOf(setting) is { } source ? $" ({setting.Key} from {source})" : string.Empty;

    private string Fix(SettingDefinition setting) =>
        (settings.SourceOf(setting) is { } source ? $"Fix the value {source} gives, or set {setting.Key}" : $"Set {setting.Key}")
        + $" with {setting.WhereToSet(settings.EnvironmentFile)}.";
}
