namespace TikTimer.EndToEnd.Tests.Infrastructure;

/// <summary>A container of the isolated deployment as <c>docker ps</c> lists it.</summary>
internal sealed record ServiceContainer(string Id, string Name, string State, int Port);

/// <summary>The docker client, for what the tests check and clean up beside the build.</summary>
internal static class DockerEngine
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(2);

    public static async Task<bool> IsReachableAsync()
    {
        try
        {
            var info = await ChildProcess.RunAsync("docker", ["info", "--format", "{{.ServerVersion}}"], ".", CommandTimeout);
            return info.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false; // no docker client installed
        }
    }

    /// <summary>Every container of the isolated service, running or stopped.</summary>
    public static async Task<IReadOnlyList<ServiceContainer>> ServiceContainersAsync(Isolation? isolation = null)
    {
        var lines = await LinesAsync(
            "ps", "--all", "--no-trunc",
            "--filter", (isolation ?? Isolation.CSharpSample).ServiceContainerLabel,
            "--format", "{{.ID}}\t{{.Names}}\t{{.State}}\t{{.Label \"tiktimer.port\"}}");
        return lines
            .Select(line => line.Split('\t'))
            .Select(f => new ServiceContainer(f[0], f[1], f[2], int.TryParse(f[3], out var port) ? port : 0))
            .ToList();
    }

    /// <summary>The names of every migration container of the isolated family, running or stopped.</summary>
    public static async Task<IReadOnlyList<string>> MigrationContainersAsync(Isolation isolation) =>
        await LinesAsync("ps", "--all", "--filter", isolation.MigrationContainerLabel, "--format", "{{.Names}}");

    /// <summary>The container serving the isolated service, failing the test unless exactly one runs.</summary>
    public static async Task<ServiceContainer> ServingContainerAsync(Isolation? isolation = null)
    {
        isolation ??= Isolation.CSharpSample;
        var running = (await ServiceContainersAsync(isolation)).Where(c => c.State == "running").ToList();
        Assert.That(running, Has.Count.EqualTo(1), () =>
            $"expected exactly one running container labelled tiktimer.service={isolation.Service}, found: {string.Join(", ", running.Select(c => c.Name))}");
        return running[0];
    }

    /// <summary>
    /// Removes the isolated deployment's service and migration containers, then its local image
    /// tags. Tags, not image ids: a clean checkout builds reproducibly, so the image id can be
    /// the very image a user's own `./build.sh` tagged tiktimer:&lt;commit&gt;. Docker deletes
    /// the image itself when its last tag goes. <paramref name="moreImages"/>: other references
    /// the runs created (e.g. a test image).
    /// </summary>
    public static async Task RemoveIsolatedDeploymentAsync(Isolation? isolation = null, params string[] moreImages)
    {
        isolation ??= Isolation.CSharpSample;
        var containers = new List<string>();
        containers.AddRange(await LinesAsync("ps", "--all", "--quiet", "--filter", isolation.ServiceContainerLabel));
        containers.AddRange(await LinesAsync("ps", "--all", "--quiet", "--filter", isolation.MigrationContainerLabel));
        if (containers.Count > 0)
        {
            await RunAsync(["rm", "--force", .. containers.Distinct()]);
        }

        var tags = new List<string>();
        string[] repositories = [isolation.Repository, $"{LocalRegistry.Address}/{isolation.Repository}", .. moreImages];
        foreach (var repository in repositories)
        {
            tags.AddRange((await LinesAsync("image", "ls", "--format", "{{.Repository}}:{{.Tag}}", repository))
                .Where(t => !t.EndsWith(":<none>", StringComparison.Ordinal)));
        }

        if (tags.Count > 0)
        {
            await RunAsync(["image", "rm", .. tags.Distinct()]);
        }
    }

    private static async Task<List<string>> LinesAsync(params string[] arguments)
    {
        var result = await RunAsync(arguments);
        return result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
    }

    private static async Task<ChildProcessResult> RunAsync(string[] arguments)
    {
        var result = await ChildProcess.RunAsync("docker", arguments, ".", CommandTimeout);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"docker {string.Join(' ', arguments)} exited with {result.ExitCode}: {result.Output}");
        }

        return result;
    }
}
