using System.Text;
using System.Xml.Linq;
using TikTimer.Delivery.Aws.Http;

namespace TikTimer.Delivery.Aws.Sts;

/// <summary>
/// STS over its Query protocol (form body in, XML out), through the same signing, retry
/// and error pipeline as the JSON services, so endpoint overrides and errors behave alike.
/// </summary>
internal sealed class StsClient(AwsRequestSender sender) : IStsApi
{
    public async Task<GetCallerIdentityResponse> GetCallerIdentityAsync(CancellationToken cancellationToken = default)
    {
        var root = await AwsQueryProtocol.InvokeAsync(sender, "GetCallerIdentity", "2011-06-15", [], cancellationToken).ConfigureAwait(false);
        var result = root.Descendants().FirstOrDefault(e => e.Name.LocalName == "GetCallerIdentityResult")
            ?? throw new DeliveryException($"STS GetCallerIdentity: the answer from {sender.Endpoint} has no GetCallerIdentityResult.");
        string Value(string name) => result.Elements().FirstOrDefault(e => e.Name.LocalName == name)?.Value ?? string.Empty;
        return new GetCallerIdentityResponse(Value("Account"), Value("Arn"), Value("UserId"));
    }
}

/// <summary>The AWS Query protocol (STS, EC2): Action and Version as form fields, XML back.</summary>
internal static class AwsQueryProtocol
{
    public const string ContentType = "application/x-www-form-urlencoded; charset=utf-8";

    public static async Task<XElement> InvokeAsync(
        AwsRequestSender sender,
        string action,
        string version,
        IReadOnlyList<KeyValuePair<string, string>> parameters,
        CancellationToken cancellationToken,
        bool idempotent = true)
    {
        var fields = new List<KeyValuePair<string, string>> { new("Action", action), new("Version", version) };
        fields.AddRange(parameters);
        var body = Encoding.UTF8.GetBytes(string.Join('&', fields.Select(f => $"{Uri.EscapeDataString(f.Key)}={Uri.EscapeDataString(f.Value)}")));
        var bytes = await sender.SendAsync(new AwsCall(action, idempotent, body, ContentType, Target: null, []), cancellationToken).ConfigureAwait(false);
        try
        {
            return XDocument.Parse(Encoding.UTF8.GetString(bytes)).Root
                ?? throw new DeliveryException($"{sender.Service.Name} {action}: empty answer from {sender.Endpoint}.");
        }
        catch (System.Xml.XmlException error)
        {
            throw new DeliveryException($"{sender.Service.Name} {action}: the answer from {sender.Endpoint} is not XML ({error.Message}).", error);
        }
    }
}
