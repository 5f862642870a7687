using System.Net;

namespace TikTimer.EndToEnd.Tests.Infrastructure;

internal sealed record HealthAnswer(HttpStatusCode? Status, string Body);

/// <summary>GET /health on a loopback port, as a user's browser or load balancer would.</summary>
internal static class HealthCheck
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(10) };

    public static async Task<HealthAnswer> GetAsync(int port)
    {
        try
        {
            using var response = await Http.GetAsync(new Uri($"http://127.0.0.1:{port}/health"));
            return new HealthAnswer(response.StatusCode, await response.Content.ReadAsStringAsync());
        }
        catch (HttpRequestException error)
        {
            return new HealthAnswer(null, error.Message);
        }
    }
}
