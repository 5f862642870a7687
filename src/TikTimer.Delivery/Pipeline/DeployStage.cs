using TikTimer.Delivery.Local;
using TikTimer.Delivery.Rollout;

namespace TikTimer.Delivery.Pipeline;

/// <summary>Deploy: roll every configured service to the image and wait until it is really stable.</summary>
public static class DeployStage
{
    public static async Task<DeployResult> RunAsync(DeliveryServices services, string image, CancellationToken cancellationToken)
    {
        var settings = services.Settings;
        using var http = new HttpClient();
        var requests = settings.Services.Select(s => new ServiceRolloutRequest(s, settings.ContainerName, image)).ToList();
        return await Runner(services, http).DeployAsync(requests, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Puts the previous revisions back, e.g. after a failed smoke test.</summary>
    public static async Task<IReadOnlyList<RollbackReport>> RollBackAsync(
        DeliveryServices services,
        DeployResult deployed,
        CancellationToken cancellationToken)
    {
        using var http = new HttpClient();
        return await Runner(services, http).RollBackAsync(deployed.Rollouts, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Where the smoke test finds the service: the load balancer on aws, the serving container on local.</summary>
    public static async Task<Uri> ServiceUrlAsync(DeliveryServices services, CancellationToken cancellationToken)
    {
        var settings = services.Settings;
        if (settings.SmokeBaseUrl is { } configured)
        {
            return configured;
        }

        using var http = new HttpClient();
        var service = settings.Services[0];
        return await new LocalServiceLocator(services.Docker, http, LocalOptions(settings)).FindServingAsync(service, cancellationToken).ConfigureAwait(false)
            ?? throw new DeliveryException($"SmokeTest: no local container of service '{service}' is serving. Run Deploy first (drop --exclusive), or set --smoke-base-url.");
    }

    private static DeployRunner Runner(DeliveryServices services, HttpClient http)
    {
        var settings = services.Settings;
        IServiceRolloutPlatform platform = settings.IsAws
            ? services.Aws.ServiceRollouts()
            : new LocalServiceRolloutPlatform(services.Docker, services.Log, http, LocalOptions(settings), services.Clock);
        var options = new RolloutOptions { Timeout = settings.DeployTimeout, Rollback = settings.Rollback };
        return new DeployRunner(platform, services.Log, options, services.Clock);
    }

    private static LocalServiceOptions LocalOptions(Configuration.DeliverySettings settings) =>
        new() { Ports = settings.LocalPorts, DatabaseUrl = settings.DatabaseUrl, HealthPath = settings.HealthPath };
}
