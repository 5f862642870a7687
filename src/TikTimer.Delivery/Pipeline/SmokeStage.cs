using TikTimer.Delivery.Smoke;

namespace TikTimer.Delivery.Pipeline;

/// <summary>SmokeTest: the live service's /health and / (plus configured checks).</summary>
public static class SmokeStage
{
    public static async Task<SmokeResult> RunAsync(DeliveryServices services, Uri baseUrl, CancellationToken cancellationToken)
    {
        var settings = services.Settings;
        using var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        var options = new SmokeOptions { Timeout = settings.SmokeTimeout, ExtraChecks = settings.SmokeChecks };
        return await new SmokeTester(http, services.Log, options, services.Clock)
            .RunAsync(baseUrl, cancellationToken)
            .ConfigureAwait(false);
    }
}
