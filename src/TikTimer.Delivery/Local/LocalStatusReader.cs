using TikTimer.Delivery.Docker;
using TikTimer.Delivery.Images;
using TikTimer.Delivery.Status;

namespace TikTimer.Delivery.Local;

/// <summary>
/// <see cref="IDeliveryStatusReader"/> on the local Docker engine: a service's containers by their
/// labels (the serving one as the smoke test finds it), the image's OCI labels from the engine, and
/// the family's newest migration container.
/// </summary>
public sealed class LocalStatusReader(DockerCli docker, LocalServiceLocator locator) : IDeliveryStatusReader
{
    public async Task<ServiceStatus> ServiceAsync(string service, CancellationToken cancellationToken)
    {
        var containers = await LocalServiceContainer.ListAsync(docker, service, cancellationToken).ConfigureAwait(false);
        var serving = await locator.ChooseServingAsync(containers, cancellationToken).ConfigureAwait(false);
        var running = containers.Where(c => c.Running).ToList();
        // Two running containers are a blue/green switch that has not finished (or a deploy that died mid-way).
        var inProgress = running.Where(c => c != serving)
            .Select(c => $"{c.Name} runs {c.Revision} on port {c.Port} beside the serving container")
            .ToList();
        if (serving is null)
        {
            return new ServiceStatus(service, null, null, null, running.Count, containers.Count > 0 ? 1 : 0, inProgress);
        }

        var image = await docker.InspectImageAsync(serving.Revision, cancellationToken).ConfigureAwait(false);
        var commit = image?.Labels.GetValueOrDefault(OciLabels.Revision);
        return new ServiceStatus(service, serving.Name, serving.Revision, commit, running.Count, 1, inProgress);
    }

    // Local containers have names, not numbered revisions.
    public Task<string> ImageOfRevisionAsync(string service, string revision, CancellationToken cancellationToken) =>
        throw new DeliveryException($"Rollback: --to-revision={revision} names an ECS task-definition revision; the local platform has none. Use --to-image=<repository>@sha256:<digest> (Status names the images).");

    public async Task<OneOffTaskRun?> LastOneOffTaskAsync(string family, CancellationToken cancellationToken)
    {
        var listed = await docker.PsAsync(new Dictionary<string, string>(StringComparer.Ordinal) { [LocalLabels.Family] = family }, cancellationToken).ConfigureAwait(false);
        OneOffTaskRun? newest = null;
        foreach (var entry in listed)
        {
            if (await docker.InspectContainerAsync(entry.Id, cancellationToken).ConfigureAwait(false) is not { } state)
            {
                continue;
            }

            var at = state.Running ? state.StartedAt : state.FinishedAt ?? state.StartedAt;
            var run = new OneOffTaskRun(state.Name, entry.Image, state.Status, state.Running || state.Status == "created" ? null : state.ExitCode, at);
            if (newest is null || (run.At ?? DateTimeOffset.MinValue) > (newest.At ?? DateTimeOffset.MinValue))
            {
                newest = run;
            }
        }

        return newest;
    }
}
