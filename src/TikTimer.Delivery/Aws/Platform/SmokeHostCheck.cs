using System.Net;
using System.Net.Sockets;
using TikTimer.Delivery.Configuration;

namespace TikTimer.Delivery.Aws.Platform;

/// <summary>
/// The smoke URL's host resolves, so a mistyped load balancer name fails Validate instead
/// of SmokeTest, after a rollout it would then roll back. An IP address needs no lookup.
/// </summary>
internal sealed class SmokeHostCheck(DeliverySettings settings, Func<string, CancellationToken, Task<IPAddress[]>>? resolve = null)
{
    private readonly Func<string, CancellationToken, Task<IPAddress[]>> _resolve = resolve ?? Dns.GetHostAddressesAsync;

    public async Task<string?> CheckAsync(CancellationToken cancellationToken)
    {
        if (settings.SmokeBaseUrl is not { } url || url.HostNameType is UriHostNameType.IPv4 or UriHostNameType.IPv6)
        {
            return null;
        }

        string why;
        try
        {
            var addresses = await _resolve(url.IdnHost, cancellationToken).ConfigureAwait(false);
            if (addresses.Length > 0)
            {
                return null;
            }

            why = "no addresses";
        }
        catch (SocketException ex)
        {
            why = ex.SocketErrorCode == SocketError.HostNotFound ? "no such host" : ex.Message;
        }

        var source = settings.SourceOf(SettingCatalog.SmokeBaseUrl) is { } s ? $" (smoke-base-url from {s})" : string.Empty;
        return $"the host '{url.Host}' of {url.Scheme}://{url.Authority}{source} does not resolve ({why}), so SmokeTest could not reach the service. "
            + $"Check the load balancer's DNS name and set smoke-base-url with {SettingCatalog.SmokeBaseUrl.WhereToSet(settings.EnvironmentFile)}.";
    }
}
