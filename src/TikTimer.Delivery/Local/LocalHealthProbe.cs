using System.Globalization;
using System.Net.Sockets;

namespace TikTimer.Delivery.Local;

/// <summary>What one health request found: healthy only on 200; otherwise what happened, for the log.</summary>
internal sealed record HealthAnswer(bool Healthy, string Description);

/// <summary>GET http://127.0.0.1:PORT/health once, with its own timeout; never throws except for the caller's cancellation.</summary>
internal sealed class LocalHealthProbe(HttpClient http, string path, TimeSpan timeout)
{
    public static Uri BaseUrl(int port) => new($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/");

    public async Task<HealthAnswer> ProbeAsync(int port, CancellationToken cancellationToken)
    {
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(timeout);
        try
        {
            using var response = await http.GetAsync(new Uri(BaseUrl(port), path.TrimStart('/')), HttpCompletionOption.ResponseHeadersRead, bounded.Token).ConfigureAwait(false);
            var code = (int)response.StatusCode;
            return new HealthAnswer(code == 200, $"GET {path} answered {code.ToString(CultureInfo.InvariantCulture)}");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new HealthAnswer(false, $"GET {path} did not answer within {timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s");
        }
        catch (HttpRequestException error)
        {
            var cause = error.InnerException is SocketException socket ? socket.SocketErrorCode.ToString() : error.Message;
            return new HealthAnswer(false, $"GET {path} failed: {cause}");
        }
    }
}
