using TikTimer.Delivery.Smoke;

namespace TikTimer.Delivery.Pipeline;

/// <summary>SmokeTest: the live service's health and / (plus configured checks), and that it is the version deployed.</summary>
public static class SmokeStage
{
    /// <param name="deployedVersion">The version this run deployed (the image's tag, its APP_VERSION); null when unknown.</param>
    public static async Task<SmokeResult> RunAsync(DeliveryServices services, Uri baseUrl, string? deployedVersion, CancellationToken cancellationToken)
    {
        var settings = services.Settings;
        using var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        var options = new SmokeOptions
        {
            Timeout = settings.SmokeTimeout,
            ExtraChecks = settings.SmokeChecks,
            HealthPath = settings.HealthPath,
            Version = ExpectedVersion(services, deployedVersion),
        };
        return await new SmokeTester(http, services.Log, options, services.Clock)
            .RunAsync(baseUrl, cancellationToken)
            .ConfigureAwait(false);
    }

    private static VersionCheck? ExpectedVersion(DeliveryServices services, string? deployedVersion)
    {
        var settings = services.Settings;
        if (settings.SmokeVersionPath is not { } path)
        {
            return null;
        }

        if (deployedVersion is null)
        {
            services.Log.Information($"SmokeTest: not checking the version at GET {path}: this run built no image and no --image-tag names the version deployed.");
            return null;
        }

        return new VersionCheck(path, settings.SmokeVersionField, deployedVersion);
    }
}
