using TikTimer.Delivery.Docker;
using TikTimer.Delivery.Migrations;
using TikTimer.Delivery.Processes;
using TikTimer.Delivery.Reporting;

namespace TikTimer.Delivery.Local;

/// <summary>
/// <see cref="IOneOffTaskPlatform"/> on the local Docker engine: the task is a detached
/// container on the host network, found again by its labels
/// (<see cref="LocalLabels.Family"/>, <see cref="LocalLabels.StartedBy"/>).
/// </summary>
/// <remarks>
/// Containers are not run with <c>--rm</c>, or the exit code would be gone before the
/// waiter reads it. Stopped ones stay for <c>docker logs</c>; each start removes the
/// family's stopped containers beyond the newest <see cref="LocalOneOffTaskOptions.KeepStoppedContainers"/>,
/// and <see cref="RemoveAsync"/> removes one at once.
/// </remarks>
public sealed class LocalOneOffTaskPlatform : IOneOffTaskPlatform
{
    private const string Step = "MigrateViaEcs";

    private readonly DockerCli _docker;
    private readonly IDeliveryLog _log;
    private readonly LocalOneOffTaskOptions _options;
    private readonly LocalImagePuller? _images;

    /// <param name="images">Pulls an image the engine lacks with the registry's credentials; null leaves it to docker run.</param>
    public LocalOneOffTaskPlatform(DockerCli docker, IDeliveryLog log, LocalOneOffTaskOptions? options = null, LocalImagePuller? images = null)
    {
        _images = images;
        ArgumentNullException.ThrowIfNull(docker);
        _log = log ?? throw new ArgumentNullException(nameof(log));
        _options = options ?? new LocalOneOffTaskOptions();
        _options.Validate();
        _docker = docker.ForStep(Step);
        if (_options.DatabaseUrl is not null)
        {
            _log.RegisterSecret(_options.DatabaseUrl);
        }
    }

    public async Task<OneOffTaskHandle> StartAsync(OneOffTaskSpec spec, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spec);
        await PruneStoppedAsync(spec.Family, cancellationToken).ConfigureAwait(false);
        if (_images is not null)
        {
            await _images.EnsureAsync(spec.Image, Step, cancellationToken).ConfigureAwait(false);
        }

        var name = LocalNames.NewContainerName(_options.ContainerNamePrefix);
        var settings = new DockerRunSettings(spec.Image)
        {
            Name = name,
            Detach = true,
            Network = _options.Network,
            Environment = Environment(spec),
            Labels = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                [LocalLabels.Family] = spec.Family,
                [LocalLabels.StartedBy] = spec.StartedBy,
            },
            Command = spec.Command ?? [],
        };

        try
        {
            var run = await _docker.RunAsync(settings, cancellationToken: cancellationToken).ConfigureAwait(false);
            return Handle(run.ContainerId ?? name, name);
        }
        catch (ProcessFailedException error)
        {
            return await HandleOfUnstartedAsync(name, spec, error, cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<OneOffTaskState> DescribeAsync(OneOffTaskHandle task, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(task);
        var container = await _docker.InspectContainerAsync(task.Id, cancellationToken).ConfigureAwait(false)
            ?? throw new DeliveryException(
                $"{Step}: migration container {task.DisplayName} ({task.Id}) is gone; it was removed while the suite was waiting for it (docker rm?). Run the migration again.");
        return LocalTaskState.From(container);
    }

    public async Task StopAsync(OneOffTaskHandle task, string reason, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(task);
        try
        {
            // docker has no stop reason; the log says it, and the label-less reason would be lost anyway.
            _log.Verbose($"Stopping {task.DisplayName}: {reason}");
            await _docker.StopAsync(task.Id, _options.StopGrace, cancellationToken).ConfigureAwait(false);
        }
        catch (ProcessFailedException error) when (IsNoSuchContainer(error))
        {
            _log.Verbose($"{task.DisplayName} is already gone; nothing to stop.");
        }
    }

    public async Task<LogBatch> ReadLogsAsync(OneOffTaskHandle task, LogCursor? after, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(task);
        var cursor = DockerLogCursor.From(after);
        var lines = await DockerLogReader.ReadAsync(_docker, task.Id, cursor, cancellationToken).ConfigureAwait(false);
        var (fresh, next) = DockerLogCursor.After(cursor, lines);
        return new LogBatch([.. fresh.Select(l => l.ToLogLine())], next?.ToLogCursor());
    }

    public async Task<IReadOnlyList<OneOffTaskHandle>> FindActiveAsync(string family, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(family);
        var states = await DescribeFamilyAsync(family, cancellationToken).ConfigureAwait(false);
        return [.. states
            .Where(s => LocalTaskState.From(s).Status != OneOffTaskStatus.Stopped)
            .Select(s => Handle(s.Id, s.Name))];
    }

    /// <summary>Removes a task's container now (tests, and anyone who wants no leftovers); a missing one is fine.</summary>
    public async Task RemoveAsync(OneOffTaskHandle task, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(task);
        try
        {
            await _docker.RemoveContainerAsync(task.Id, force: true, cancellationToken).ConfigureAwait(false);
        }
        catch (ProcessFailedException error) when (IsNoSuchContainer(error))
        {
        }
    }

    private Dictionary<string, string> Environment(OneOffTaskSpec spec)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        if (_options.DatabaseUrl is not null)
        {
            environment[LocalNames.DatabaseUrlVariable] = _options.DatabaseUrl;
        }

        // The spec overrides the platform's own environment, as an ECS container override does.
        foreach (var (key, value) in spec.Environment)
        {
            environment[key] = value;
        }

        return environment;
    }

    /// <summary>
    /// docker run fails when the container was created but could not start (e.g. a missing
    /// entrypoint); that container then shows the failure like an ECS task that failed to start.
    /// Only when no container exists at all (no such image) is it a failure to place the task.
    /// </summary>
    private async Task<OneOffTaskHandle> HandleOfUnstartedAsync(string name, OneOffTaskSpec spec, ProcessFailedException error, CancellationToken cancellationToken)
    {
        var created = await _docker.InspectContainerAsync(name, cancellationToken).ConfigureAwait(false);
        if (created is null)
        {
            throw new DeliveryException(
                $"{Step}: could not start the migration container from {spec.Image}: {error.Message}\nCheck that the image exists (docker image ls) or that its registry is reachable and you are logged in.",
                error);
        }

        _log.Warning($"{Step}: docker created {name} but could not start it; its state will say why.");
        return Handle(created.Id, name);
    }

    private async Task PruneStoppedAsync(string family, CancellationToken cancellationToken)
    {
        var states = await DescribeFamilyAsync(family, cancellationToken).ConfigureAwait(false);
        var stopped = states.Where(s => LocalTaskState.From(s).Status == OneOffTaskStatus.Stopped);
        foreach (var old in stopped.OrderByDescending(s => s.FinishedAt ?? DateTimeOffset.MinValue).Skip(_options.KeepStoppedContainers))
        {
            _log.Verbose($"Removing the container of an earlier migration, {old.Name}.");
            await RemoveAsync(Handle(old.Id, old.Name), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Inspects each container of the family: <c>docker ps</c> cannot tell a container waiting
    /// to start from one that failed to start (both "created").
    /// </summary>
    private async Task<List<DockerContainerState>> DescribeFamilyAsync(string family, CancellationToken cancellationToken)
    {
        var containers = await _docker.PsAsync(FamilyLabels(family), cancellationToken).ConfigureAwait(false);
        var states = new List<DockerContainerState>();
        foreach (var container in containers)
        {
            if (await _docker.InspectContainerAsync(container.Id, cancellationToken).ConfigureAwait(false) is { } state)
            {
                states.Add(state);
            }
        }

        return states;
    }

    private static Dictionary<string, string> FamilyLabels(string family) =>
        new(StringComparer.Ordinal) { [LocalLabels.Family] = family };

    private static OneOffTaskHandle Handle(string id, string name) => new(id, name, $"docker stop {name}");

    private static bool IsNoSuchContainer(ProcessFailedException error) =>
        error.Result.Error.Contains("no such container", StringComparison.OrdinalIgnoreCase);
}
