using TikTimer.Delivery.Docker;
using TikTimer.Delivery.Local;
using TikTimer.Delivery.Processes;
using TikTimer.Delivery.Reporting;

namespace TikTimer.Delivery.Tests.Local;

/// <summary>Looks at and removes the containers a test made, by label then by id, even when the test failed.</summary>
public static class TestContainers
{
    private static DockerCli Docker => new(new ProcessRunner(), new RecordingDeliveryLog());

    public static async Task<IReadOnlyList<DockerContainerState>> ListAsync(string label, string value)
    {
        var docker = Docker;
        var listed = await docker.PsAsync(new Dictionary<string, string> { [label] = value });
        var states = new List<DockerContainerState>();
        foreach (var container in listed)
        {
            if (await docker.InspectContainerAsync(container.Id) is { } state)
            {
                states.Add(state);
            }
        }

        return states;
    }

    public static Task<IReadOnlyList<DockerContainerState>> OfServiceAsync(string service) => ListAsync(LocalLabels.Service, service);

    public static Task<IReadOnlyList<DockerContainerState>> OfFamilyAsync(string family) => ListAsync(LocalLabels.Family, family);

    public static async Task RemoveAsync(string label, string value)
    {
        var docker = Docker;
        foreach (var container in await docker.PsAsync(new Dictionary<string, string> { [label] = value }))
        {
            try
            {
                await docker.RemoveContainerAsync(container.Id, force: true);
            }
            catch (DeliveryException)
            {
            }
        }
    }

    /// <summary>The container's command line as docker keeps it (<c>docker inspect</c> Path + Args) and its Config.Env.</summary>
    public static async Task<(string Args, string Env)> InspectRawAsync(string container)
    {
        var args = await new ProcessRunner().RunAsync(new ProcessSpec("docker", ["container", "inspect", "--format", "{{json .Path}} {{json .Args}}", container]));
        var env = await new ProcessRunner().RunAsync(new ProcessSpec("docker", ["container", "inspect", "--format", "{{json .Config.Env}}", container]));
        return (args.Output, env.Output);
    }
}
