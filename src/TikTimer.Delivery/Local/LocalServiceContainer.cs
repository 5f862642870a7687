using System.Globalization;
using TikTimer.Delivery.Docker;

namespace TikTimer.Delivery.Local;

/// <summary>A container of a local service, as inspected, with what its labels say.</summary>
internal sealed record LocalServiceContainer(DockerContainerState State)
{
    public string Name => State.Name;

    public bool Running => State.Running;

    public int? Port =>
        State.Labels.TryGetValue(LocalLabels.Port, out var text)
        && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var port) ? port : null;

    public string Revision => State.Labels.TryGetValue(LocalLabels.Revision, out var image) ? image : "(unknown image)";

    /// <summary>Every container (running or not) labelled as serving <paramref name="service"/>.</summary>
    public static async Task<IReadOnlyList<LocalServiceContainer>> ListAsync(DockerCli docker, string service, CancellationToken cancellationToken)
    {
        var listed = await docker.PsAsync(new Dictionary<string, string>(StringComparer.Ordinal) { [LocalLabels.Service] = service }, cancellationToken).ConfigureAwait(false);
        var containers = new List<LocalServiceContainer>();
        foreach (var entry in listed)
        {
            // Inspect, not ps: ps has neither start times nor a container's error.
            if (await docker.InspectContainerAsync(entry.Id, cancellationToken).ConfigureAwait(false) is { } state)
            {
                containers.Add(new LocalServiceContainer(state));
            }
        }

        return containers;
    }
}
