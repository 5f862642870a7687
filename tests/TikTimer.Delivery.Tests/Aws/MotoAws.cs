using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using TikTimer.Delivery.Aws;
using TikTimer.Delivery.Aws.Http;
using TikTimer.Delivery.Aws.Sts;
using TikTimer.Delivery.Tests.Infrastructure;

namespace TikTimer.Delivery.Tests.Aws;

/// <summary>
/// Prepares moto state the seams do not cover (clusters, services, log streams, the VPC)
/// through the same signed pipeline, so the setup speaks the real wire protocol too.
/// </summary>
internal sealed class MotoAws(MotoServer moto, AwsClientOptions options) : IDisposable
{
    public static readonly AwsService Iam = new("IAM", "iam", "iam", null, "IAM");

    private readonly HttpClient _http = new();

    public Task<JsonObject> EcsAsync(string operation, object body) => JsonAsync(AwsService.Ecs, operation, body);

    public Task<JsonObject> LogsAsync(string operation, object body) => JsonAsync(AwsService.Logs, operation, body);

    public async Task<JsonObject> JsonAsync(AwsService service, string operation, object body)
    {
        var protocol = new AwsJsonProtocol(AwsClientFactory.CreateSender(service, options, _http));
        return await protocol.InvokeRawAsync(operation, idempotent: false, JsonSerializer.SerializeToUtf8Bytes(body, AwsJson.Options), [], CancellationToken.None);
    }

    public Task<XElement> QueryAsync(AwsService service, string action, string version, params (string Key, string Value)[] parameters) =>
        AwsQueryProtocol.InvokeAsync(
            AwsClientFactory.CreateSender(service, options, _http), action, version,
            [.. parameters.Select(p => new KeyValuePair<string, string>(p.Key, p.Value))], CancellationToken.None, idempotent: false);

    /// <summary>A subnet and security group of the region's default VPC, which RunTask on FARGATE validates.</summary>
    public async Task<(string SubnetId, string SecurityGroupId)> DefaultNetworkAsync()
    {
        var subnets = await QueryAsync(AwsService.Ec2, "DescribeSubnets", "2016-11-15");
        var groups = await QueryAsync(AwsService.Ec2, "DescribeSecurityGroups", "2016-11-15");
        return (First(subnets, "subnetId"), First(groups, "groupId"));
    }

    public static string First(XElement root, string name) =>
        root.Descendants().First(e => e.Name.LocalName == name).Value;

    public Uri Endpoint => moto.Endpoint;

    public void Dispose() => _http.Dispose();
}
