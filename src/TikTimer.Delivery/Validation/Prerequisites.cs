using TikTimer.Delivery.Platform;

namespace TikTimer.Delivery.Validation;

/// <summary>What must hold before the chain changes anything: docker, the platform's own checks, the service's tests.</summary>
public static class Prerequisites
{
    public static IEnumerable<IPrerequisiteCheck> For(DeliveryServices services)
    {
        ArgumentNullException.ThrowIfNull(services);
        yield return new DelegateCheck("Docker daemon reachable", ct => DockerAsync(services, ct));
        foreach (var check in services.Platform.PreflightChecks())
        {
            yield return check;
        }

        if (!services.Settings.SkipTests && services.Settings.TestCommand is { } tests)
        {
            yield return new DelegateCheck($"the service's tests pass ({string.Join(' ', tests)})", ct => ServiceTestsAsync(services, tests, ct));
        }
    }

    private static async Task<string?> DockerAsync(DeliveryServices services, CancellationToken cancellationToken)
    {
        try
        {
            return await services.Docker.IsAvailableAsync(cancellationToken).ConfigureAwait(false)
                ? null
                : "the docker client cannot reach a daemon. Start it (scripts/setup-local.sh starts one here; on a laptop start Docker Desktop or 'sudo systemctl start docker') and check 'docker info'.";
        }
        catch (DeliveryException ex)
        {
            return ex.Message;
        }
    }

    private static Task<string?> ServiceTestsAsync(DeliveryServices services, IReadOnlyList<string> command, CancellationToken cancellationToken) =>
        ServiceTests.RunUnlessUnchangedAsync(services.Processes, services.Log, command, services.Settings.TestInputs, services.Settings.RepositoryRoot, services.Clock, cancellationToken);
}
