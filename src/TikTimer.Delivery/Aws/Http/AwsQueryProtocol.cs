using System.Text;
using System.Xml.Linq;

namespace TikTimer.Delivery.Aws.Http;

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
        bool idempotent = true,
        IReadOnlyList<AwsResource>? resources = null)
    {
        var fields = new List<KeyValuePair<string, string>> { new("Action", action), new("Version", version) };
        fields.AddRange(parameters);
        var body = Encoding.UTF8.GetBytes(string.Join('&', fields.Select(f => $"{Uri.EscapeDataString(f.Key)}={Uri.EscapeDataString(f.Value)}")));
        var bytes = await sender.SendAsync(new AwsCall(action, idempotent, body, ContentType, Target: null, resources ?? []), cancellationToken).ConfigureAwait(false);
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
