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
