using System.Globalization;
using TikTimer.Delivery.Docker;
using TikTimer.Delivery.Processes;
using TikTimer.Delivery.Reporting;
using TikTimer.Delivery.Rollout;

namespace TikTimer.Delivery.Local;

/// <summary>
/// <see cref="IServiceRolloutPlatform"/> on the local Docker engine, blue/green on the loopback:
/// the new container starts beside the serving one on the other of two ports, and replaces
/// it once <c>GET /health</c> answers 200. A "revision" is a container name.
/// </summary>
/// <remarks>
/// <para>Describe does the switch, since it is what sees the health check pass: the old
/// container is then stopped but kept (stopped), so that a failed smoke test can still roll
/// back to it; any older container of the service is removed. The next rollout removes every
/// stopped container of the service before it starts.</para>
/// <para>A new container that exits, or runs but is not healthy within
/// <see cref="LocalServiceOptions.HealthGrace"/>, fails the rollout (the circuit breaker) and
/// is stopped, kept for <c>docker logs</c>; the old one never stopped serving.</para>
/// <para>Rollback starts the previous container again if it is stopped and removes the failed
/// one. A first deployment has nothing to roll back to: DeployRunner reports that without
/// calling <see cref="RollBackAsync"/>, and the failed container stays stopped.</para>
/// </remarks>
public sealed class LocalServiceRolloutPlatform : IServiceRolloutPlatform
{
    private const string Step = "Deploy";

    private readonly DockerCli _docker;
    private readonly IDeliveryLog _log;
    private readonly LocalServiceOptions _options;
    private readonly LocalHealthProbe _probe;
    private readonly LocalServiceLocator _locator;
    private readonly TimeProvider _time;
    private readonly LocalImagePuller? _images;
    private readonly LocalVerifiedContainer _verified;

    /// <param name="images">Pulls an image the engine lacks with the registry's credentials; null leaves it to docker run.</param>
    public LocalServiceRolloutPlatform(DockerCli docker, IDeliveryLog log, HttpClient http, LocalServiceOptions? options = null, TimeProvider? timeProvider = null, LocalImagePuller? images = null)
    {
        _images = images;
        ArgumentNullException.ThrowIfNull(docker);
        ArgumentNullException.ThrowIfNull(http);
        _log = log ?? throw new ArgumentNullException(nameof(log));
        _options = options ?? new LocalServiceOptions();
        _options.Validate();
        _docker = docker.ForStep(Step);
        _probe = new LocalHealthProbe(http, _options.HealthPath, _options.HealthRequestTimeout);
        _locator = new LocalServiceLocator(_docker, http, _options);
        _time = timeProvider ?? TimeProvider.System;
        _verified = new LocalVerifiedContainer(_options.StateDirectory, _options.ContainerNamePrefix);
        if (_options.DatabaseUrl is not null)
        {
            _log.RegisterSecret(_options.DatabaseUrl);
        }
    }

    public async Task<RolloutHandle> StartRolloutAsync(ServiceRolloutRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (_images is not null)
        {
            // Before anything is removed or stopped: an image that cannot be had changes nothing.
            await _images.EnsureAsync(request.Image, Step, cancellationToken).ConfigureAwait(false);
        }

        var containers = await LocalServiceContainer.ListAsync(_docker, request.Service, cancellationToken).ConfigureAwait(false);
        var serving = await _locator.ChooseServingAsync(containers, cancellationToken).ConfigureAwait(false);

        // The rollback point is the last container that passed a smoke test, running or not;
        // one that only passed its health check (its smoke test failed, never ran, was
        // interrupted) may serve, but is never what a failed deploy goes back to.
        var verifiedName = _verified.Read(request.Service);
        var verified = containers.FirstOrDefault(c => c.Name == verifiedName);
        var rollbackPoint = verified ?? serving;
        foreach (var leftover in containers.Where(c => c != serving && c != verified))
        {
            _log.Verbose($"Removing {leftover.Name} ({leftover.State.Status}), left over from an earlier deploy of {request.Service}.");
            await RemoveAsync(leftover.Name, cancellationToken).ConfigureAwait(false);
        }

        var port = _options.NextPort(serving?.Port);
        if (!LocalPort.IsFree(port))
        {
            // The new container would fail to bind, and its health check would reach whatever listens there.
            throw new DeliveryException(
                $"{Step}: port {port} on 127.0.0.1 is already in use by another process (not a container of {request.Service}), so a new container of {request.Service} cannot listen there. "
                + $"Stop that process (ss -ltnp 'sport = :{port}' shows it), or choose two free ports with --local-ports. Nothing was changed.");
        }

        var name = LocalNames.NewContainerName(LocalNames.ServicePrefix(_options.ContainerNamePrefix, request.Service));
        // DockerCli treats every --env value as a secret and masks it in all later output; the
        // listening URL is not one (the smoke test prints it), so it travels in an env file.
        var envFile = Path.Combine(Path.GetTempPath(), $"{name}.env");
        var listen = $"{_options.UrlVariable}={Url(port)}\n{_options.PortVariable}={port.ToString(CultureInfo.InvariantCulture)}\n";
        await File.WriteAllTextAsync(envFile, listen, cancellationToken).ConfigureAwait(false);
        var settings = new DockerRunSettings(request.Image)
        {
            Name = name,
            Detach = true,
            Network = _options.Network,
            EnvFile = envFile,
            Environment = SecretEnvironment(),
            Labels = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                [LocalLabels.Service] = request.Service,
                [LocalLabels.Port] = port.ToString(CultureInfo.InvariantCulture),
                [LocalLabels.Revision] = request.Image,
                [LocalLabels.Container] = request.ContainerName,
                [LocalLabels.StartedBy] = LocalLabels.SuiteMarker,
            },
        };

        try
        {
            await _docker.RunAsync(settings, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (ProcessFailedException error)
        {
            // Created but not started (e.g. a missing entrypoint): Describe reports it as a failed rollout.
            if (await _docker.InspectContainerAsync(name, cancellationToken).ConfigureAwait(false) is null)
            {
                throw new DeliveryException(
                    $"{Step}: could not start a container for service {request.Service} from {request.Image}: {error.Message}\nCheck that the image exists (docker image ls) or that its registry is reachable and you are logged in.",
                    error);
            }
        }
        finally
        {
            File.Delete(envFile);
        }

        _log.Information($"{request.Service}: started {name} on {LocalHealthProbe.BaseUrl(port)} beside {serving?.Name ?? "nothing (first deployment)"}"
            + (rollbackPoint is not null && rollbackPoint != serving ? $"; the rollback point is {rollbackPoint.Name}, the last container that passed a smoke test." : "."));
        return new RolloutHandle(request.Service, name, rollbackPoint?.Name);
    }

    public async Task<ServiceSnapshot> DescribeAsync(RolloutHandle rollout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rollout);
        var containers = await LocalServiceContainer.ListAsync(_docker, rollout.Service, cancellationToken).ConfigureAwait(false);
        var ours = containers.FirstOrDefault(c => c.Name == rollout.RevisionId);
        var others = containers.Where(c => c != ours).ToList();
        var now = _time.GetUtcNow();
        if (ours is null)
        {
            return new ServiceSnapshot(rollout.Service, [.. others.Where(c => c.Running).Select(Serving)], []);
        }

        var health = ours.Running && ours.Port is { } port ? await _probe.ProbeAsync(port, cancellationToken).ConfigureAwait(false) : null;
        var state = ours.State;
        if (health is { Healthy: true })
        {
            // A 200 proves nothing if our container died meanwhile: something else answered.
            state = await _docker.InspectContainerAsync(ours.Name, cancellationToken).ConfigureAwait(false) ?? state with { Status = "removed", Running = false };
            if (state.Running && state.StartedAt != ours.State.StartedAt)
            {
                state = state with { Status = "restarted", Running = false };
            }

            ours = new LocalServiceContainer(state);
        }

        var observation = LocalRolloutObservation.Of(state, health, now, _options.HealthGrace);
        var events = new List<ServiceEvent>
        {
            new($"start:{ours.Name}", ours.State.StartedAt ?? now, $"{ours.Name} runs {ours.Revision} on port {ours.Port}"),
        };

        switch (observation.Phase)
        {
            case LocalRolloutPhase.Healthy:
                var remaining = await RetireAsync(rollout, others, events, cancellationToken).ConfigureAwait(false);
                return Snapshot(rollout, ours, observation, RolloutState.Completed, remaining, events);
            case LocalRolloutPhase.Failed:
                await AddLogTailAsync(ours, events, cancellationToken).ConfigureAwait(false);
                events.Add(new ServiceEvent($"failed:{ours.Name}", now, observation.Reason));
                await StopFailedAsync(ours, cancellationToken).ConfigureAwait(false);
                return Snapshot(rollout, ours, observation, RolloutState.Failed, others.Where(c => c.Running).ToList(), events);
            default:
                events.Add(new ServiceEvent($"starting:{ours.Name}:{health?.Description}", now, observation.Reason));
                return Snapshot(rollout, ours, observation, RolloutState.InProgress, others.Where(c => c.Running).ToList(), events);
        }
    }

    /// <summary>Records <paramref name="container"/> as the one that passed the smoke test: the rollback point of later deploys.</summary>
    public Task MarkVerifiedAsync(string service, string container, CancellationToken cancellationToken)
    {
        _verified.Write(service, container);
        _log.Verbose($"{service}: {container} passed the smoke test; it is the rollback point of later deploys.");
        return Task.CompletedTask;
    }

    public async Task<RolloutHandle> RollBackAsync(RolloutHandle failed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(failed);
        if (failed.PreviousRevisionId is null)
        {
            await RemoveAsync(failed.RevisionId, cancellationToken).ConfigureAwait(false);
            throw new DeliveryException(
                $"{Step}: {failed.Service} has no previous container to roll back to (first deployment); removed {failed.RevisionId}, so nothing serves {failed.Service} now. Deploy a working image.");
        }

        var previous = await _docker.InspectContainerAsync(failed.PreviousRevisionId, cancellationToken).ConfigureAwait(false)
            ?? throw new DeliveryException(
                $"{Step}: cannot roll {failed.Service} back: its previous container {failed.PreviousRevisionId} is gone (docker rm?). Deploy the previous image again.");
        // The failed container goes first: it may hold the port the previous one listens on.
        _log.Information($"{failed.Service}: removing {failed.RevisionId}.");
        await RemoveAsync(failed.RevisionId, cancellationToken).ConfigureAwait(false);
        var others = await LocalServiceContainer.ListAsync(_docker, failed.Service, cancellationToken).ConfigureAwait(false);
        foreach (var other in others.Where(c => c.Running && c.Name != previous.Name))
        {
            // An unverified container that served before this deploy: the previous one replaces it.
            _log.Information($"{failed.Service}: stopping {other.Name}, which never passed a smoke test; {previous.Name} is the rollback point.");
            await _docker.StopAsync(other.Name, _options.StopGrace, cancellationToken).ConfigureAwait(false);
        }

        if (!previous.Running)
        {
            _log.Information($"{failed.Service}: starting the previous container {previous.Name} again.");
            await _docker.StartAsync(previous.Name, cancellationToken).ConfigureAwait(false);
        }

        return new RolloutHandle(failed.Service, previous.Name, failed.RevisionId);
    }

    /// <summary>
    /// Our container is healthy: the others stop serving. The one we replaced is kept stopped for
    /// a rollback; anything older is removed. One that will not stop stays in the snapshot, so
    /// the rollout is not called stable until a later describe manages it.
    /// </summary>
    private async Task<List<LocalServiceContainer>> RetireAsync(RolloutHandle rollout, List<LocalServiceContainer> others, List<ServiceEvent> events, CancellationToken cancellationToken)
    {
        var remaining = new List<LocalServiceContainer>();
        foreach (var other in others)
        {
            var keep = other.Name == rollout.PreviousRevisionId;
            try
            {
                if (other.Running)
                {
                    await _docker.StopAsync(other.Name, _options.StopGrace, cancellationToken).ConfigureAwait(false);
                }

                if (!keep)
                {
                    await RemoveAsync(other.Name, cancellationToken).ConfigureAwait(false);
                }

                var what = keep ? "stopped (kept for a rollback)" : "removed";
                events.Add(new ServiceEvent($"retired:{other.Name}", _time.GetUtcNow(), $"{other.Name} {what}; {rollout.RevisionId} serves {rollout.Service}"));
            }
            catch (DeliveryException error)
            {
                _log.Warning($"{rollout.Service}: could not retire {other.Name} yet: {error.Message}");
                if (other.Running)
                {
                    remaining.Add(other);
                }
            }
        }

        return remaining;
    }

    private async Task AddLogTailAsync(LocalServiceContainer ours, List<ServiceEvent> events, CancellationToken cancellationToken)
    {
        if (_options.FailureLogLines == 0)
        {
            return;
        }

        try
        {
            var lines = await DockerLogReader.ReadAsync(_docker, ours.Name, null, cancellationToken).ConfigureAwait(false);
            foreach (var line in lines.TakeLast(_options.FailureLogLines))
            {
                events.Add(new ServiceEvent($"log:{ours.Name}:{line.Timestamp}:{line.Stream}:{line.Sequence}", line.Timestamp.ToDateTimeOffset(), $"{ours.Name} log: {line.Message}"));
            }
        }
        catch (DeliveryException error)
        {
            _log.Verbose($"Could not read the logs of {ours.Name}: {error.Message}");
        }
    }

    private async Task StopFailedAsync(LocalServiceContainer ours, CancellationToken cancellationToken)
    {
        if (!ours.Running)
        {
            return;
        }

        try
        {
            await _docker.StopAsync(ours.Name, _options.StopGrace, cancellationToken).ConfigureAwait(false);
        }
        catch (DeliveryException error)
        {
            _log.Warning($"Could not stop the failed container {ours.Name}: {error.Message}. Stop it with: docker stop {ours.Name}");
        }
    }

    private async Task RemoveAsync(string container, CancellationToken cancellationToken)
    {
        try
        {
            await _docker.RemoveContainerAsync(container, force: true, cancellationToken).ConfigureAwait(false);
        }
        catch (ProcessFailedException error) when (error.Result.Error.Contains("no such container", StringComparison.OrdinalIgnoreCase))
        {
        }
    }

    private static string Url(int port) => $"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}";

    private Dictionary<string, string> SecretEnvironment()
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        if (_options.DatabaseUrl is not null)
        {
            environment[LocalNames.DatabaseUrlVariable] = _options.DatabaseUrl;
        }

        return environment;
    }

    private static ServiceSnapshot Snapshot(
        RolloutHandle rollout,
        LocalServiceContainer ours,
        LocalRolloutObservation observation,
        RolloutState state,
        List<LocalServiceContainer> stillServing,
        List<ServiceEvent> events)
    {
        var primary = new DeploymentSnapshot(
            ours.Name,
            DeploymentStatus.Primary,
            ours.Name,
            DesiredCount: 1,
            RunningCount: ours.Running && state != RolloutState.Failed ? 1 : 0,
            PendingCount: ours.State.Status == "created" && state == RolloutState.InProgress ? 1 : 0,
            FailedCount: state == RolloutState.Failed ? 1 : 0,
            RolloutState: state,
            RolloutStateReason: observation.Reason);
        return new ServiceSnapshot(rollout.Service, [primary, .. stillServing.Select(Serving)], events);
    }

    private static DeploymentSnapshot Serving(LocalServiceContainer container) =>
        new(container.Name, DeploymentStatus.Active, container.Name, 1, 1, RolloutState: RolloutState.Completed);
}
