using TikTimer.Delivery.Docker;

namespace TikTimer.Delivery.Local;

/// <summary>
/// Finds where a local service is served: the base URL the smoke test checks, also when it
/// runs alone (<c>--target=SmokeTest --exclusive</c>) with no deploy in this run to ask.
/// </summary>
public sealed class LocalServiceLocator
{
    private readonly DockerCli _docker;
    private readonly LocalHealthProbe _probe;

    public LocalServiceLocator(DockerCli docker, HttpClient http, LocalServiceOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(docker);
        ArgumentNullException.ThrowIfNull(http);
        options ??= new LocalServiceOptions();
        options.Validate();
        _docker = docker;
        _probe = new LocalHealthProbe(http, options.HealthPath, options.HealthRequestTimeout);
    }

    /// <summary>
    /// <c>http://127.0.0.1:PORT/</c> of the container serving <paramref name="service"/>, or null when
    /// none is running. When two run (a rollout in progress), the healthy one, then the newest.
    /// </summary>
    public async Task<Uri?> FindServingAsync(string service, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(service);
        var serving = await FindServingContainerAsync(service, cancellationToken).ConfigureAwait(false);
        return serving?.Port is { } port ? LocalHealthProbe.BaseUrl(port) : null;
    }

    /// <summary>The name and base URL of the container serving <paramref name="service"/>, or null.</summary>
    public async Task<(string Name, Uri Url)?> FindServingContainerNameAsync(string service, CancellationToken cancellationToken = default)
    {
        var serving = await FindServingContainerAsync(service, cancellationToken).ConfigureAwait(false);
        return serving?.Port is { } port ? (serving.Name, LocalHealthProbe.BaseUrl(port)) : null;
    }

    internal async Task<LocalServiceContainer?> FindServingContainerAsync(string service, CancellationToken cancellationToken)
    {
        var containers = await LocalServiceContainer.ListAsync(_docker, service, cancellationToken).ConfigureAwait(false);
        return await ChooseServingAsync(containers, cancellationToken).ConfigureAwait(false);
    }

    internal async Task<LocalServiceContainer?> ChooseServingAsync(IReadOnlyList<LocalServiceContainer> containers, CancellationToken cancellationToken)
    {
        var running = containers
            .Where(c => c.Running && c.Port is not null)
            .OrderByDescending(c => c.State.StartedAt ?? DateTimeOffset.MinValue)
            .ToList();
        if (running.Count <= 1)
        {
            return running.FirstOrDefault();
        }

        foreach (var candidate in running)
        {
            var answer = await _probe.ProbeAsync(candidate.Port!.Value, cancellationToken).ConfigureAwait(false);
            if (answer.Healthy)
            {
                return candidate;
            }
        }

        return running[0];
    }
}
