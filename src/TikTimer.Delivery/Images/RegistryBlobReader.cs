using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace TikTimer.Delivery.Images;

/// <summary>
/// Reads an image config blob over the registry HTTP API v2 with the credentials
/// <c>docker login</c> would use (ECR accepts <c>AWS</c> + its token as basic auth,
/// and redirects blobs to S3, where HttpClient drops the Authorization header).
/// </summary>
public static class RegistryBlobReader
{
    /// <summary>The config labels, or null when the registry does not have the blob.</summary>
    public static async Task<IReadOnlyDictionary<string, string>?> ReadLabelsAsync(
        HttpClient http,
        RegistryLogin login,
        string repositoryName,
        string configDigest,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(login);
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(BaseUri(login.ServerAddress), $"v2/{repositoryName}/blobs/{configDigest}"));
        request.Headers.Authorization = new AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{login.Username}:{login.Password}")));
        using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        if (!response.IsSuccessStatusCode)
        {
            throw new DeliveryException(
                $"could not read the image config {configDigest} of {login.ServerAddress}/{repositoryName}: HTTP {(int)response.StatusCode} {response.ReasonPhrase}.");
        }

        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        return ImageConfigLabels.Parse(bytes);
    }

    /// <summary>Plain HTTP for a loopback registry (as docker allows), HTTPS for any other.</summary>
    public static Uri BaseUri(string serverAddress)
    {
        var host = serverAddress.Split(':')[0];
        var loopback = host is "localhost" || (IPAddress.TryParse(host, out var ip) && IPAddress.IsLoopback(ip));
        return new Uri($"{(loopback ? "http" : "https")}://{serverAddress}/");
    }
}
