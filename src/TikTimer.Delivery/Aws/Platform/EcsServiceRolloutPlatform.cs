using TikTimer.Delivery.Aws.Ecs;
using TikTimer.Delivery.Reporting;
using TikTimer.Delivery.Rollout;
using RolloutServiceEvent = TikTimer.Delivery.Rollout.ServiceEvent;
using TikTimer.Delivery.Validation;

namespace TikTimer.Delivery.Aws.Platform;

/// <summary>
/// A service rollout on ECS: the service's current task definition re-registered with the
/// new image in one container, then UpdateService to it; rollback is UpdateService back to
/// the revision that was serving. Nothing is ever deregistered. Each rollout is judged by ECS's
/// service-deployment record where ECS keeps one (<see cref="ServiceDeploymentTracker"/>), else
/// by the service's deployments[].
/// </summary>
public sealed class EcsServiceRolloutPlatform : IServiceRolloutPlatform
{
    private const string Step = "Deploy";

    private readonly IEcsApi _ecs;
    private readonly EcsServiceRolloutOptions _options;
    private readonly IDeliveryLog _log;
    private readonly ServiceDeploymentTracker _records;

    public EcsServiceRolloutPlatform(IEcsApi ecs, EcsServiceRolloutOptions options, IDeliveryLog log, TimeProvider? timeProvider = null)
    {
        _ecs = ecs ?? throw new ArgumentNullException(nameof(ecs));
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _log = log ?? throw new ArgumentNullException(nameof(log));
        OptionProblems.ThrowIfAny(options.Problems(), Step, "service settings");
        _records = new ServiceDeploymentTracker(ecs, options.Cluster, log, timeProvider ?? TimeProvider.System);
    }

    /// <summary>Why ECS's service-deployment record is not used in this run, once that is known (null: it is, or not yet known).</summary>
    public string? RecordUnavailable => _records.Unavailable;

    public async Task<RolloutHandle> StartRolloutAsync(ServiceRolloutRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var service = await DescribeServiceAsync(request.Service, cancellationToken).ConfigureAwait(false);
        if (service.Status is not (null or "ACTIVE"))
        {
            throw new DeliveryException(
                $"{Step}: ECS service '{request.Service}' on cluster '{_options.Cluster}' is {service.Status}, not ACTIVE; it cannot be updated. Recreate it with Terraform.");
        }

        var serving = service.TaskDefinition
            ?? throw new DeliveryException($"{Step}: ECS service '{request.Service}' on cluster '{_options.Cluster}' has no task definition to start from.");
        var current = await _ecs.DescribeTaskDefinitionAsync(new DescribeTaskDefinitionRequest(serving), cancellationToken).ConfigureAwait(false);
        var previous = current.TaskDefinition.TaskDefinitionArn ?? serving;
        var next = await ImageRevisions.RegisterAsync(_ecs, _log, current, request.ContainerName, request.Image, cancellationToken).ConfigureAwait(false);
        var nextArn = next.TaskDefinitionArn ?? ImageRevisions.Name(next);

        var updated = await UpdateAsync(request.Service, nextArn, cancellationToken).ConfigureAwait(false);
        _log.Information($"Updated ECS service '{request.Service}' to {ImageRevisions.Name(next)} (was {ImageRevisions.NameFromArn(previous)}).");
        return Track(new RolloutHandle(request.Service, nextArn, previous, PrimaryDeploymentId(updated, nextArn)), service, updated);
    }

    public async Task<ServiceSnapshot> DescribeAsync(RolloutHandle rollout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rollout);
        var service = await DescribeServiceAsync(rollout.Service, cancellationToken).ConfigureAwait(false);
        var recorded = await _records.ObserveAsync(rollout, cancellationToken).ConfigureAwait(false);
        return Snapshot(rollout.Service, service) with { Recorded = recorded };
    }

    public async Task<RolloutHandle> RollBackAsync(RolloutHandle failed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(failed);
        var previous = failed.PreviousRevisionId
            ?? throw new DeliveryException($"{Step}: ECS service '{failed.Service}' has no previous task definition to roll back to.");

        var before = await DescribeServiceAsync(failed.Service, cancellationToken).ConfigureAwait(false);
        var updated = await UpdateAsync(failed.Service, previous, cancellationToken).ConfigureAwait(false);
        _log.Warning($"Rolling ECS service '{failed.Service}' back to {ImageRevisions.NameFromArn(previous)} (from {ImageRevisions.NameFromArn(failed.RevisionId)}).");
        return Track(new RolloutHandle(failed.Service, previous, failed.RevisionId, PrimaryDeploymentId(updated, previous)), before, updated);
    }

    /// <summary>
    /// Tells the tracker where our record will be: created with our PRIMARY deployment, if UpdateService
    /// started one (it starts none when the service already runs that revision, e.g. after ECS's own rollback).
    /// </summary>
    private RolloutHandle Track(RolloutHandle rollout, Service before, Service? updated)
    {
        var ours = updated?.Deployments.FirstOrDefault(d => d.Id is not null && d.Id == rollout.DeploymentId);
        var existed = ours is not null && before.Deployments.Any(d => d.Id == ours.Id);
        _records.Started(rollout, ours?.CreatedAt, newDeployment: !existed);
        return rollout;
    }

    /// <summary>The service as the platform-neutral judge reads it. Pure.</summary>
    public static ServiceSnapshot Snapshot(string serviceName, Service service)
    {
        ArgumentNullException.ThrowIfNull(service);
        var deployments = service.Deployments
            .Where(d => d.Id is not null)
            .Select(d => new DeploymentSnapshot(
                d.Id!,
                DeploymentStatusOf(d.Status),
                d.TaskDefinition ?? string.Empty,
                d.DesiredCount,
                d.RunningCount,
                d.PendingCount,
                d.FailedTasks,
                RolloutStateOf(d.RolloutState),
                d.RolloutStateReason,
                d.CreatedAt))
            .ToList();
        var events = service.Events
            .Where(e => e.Id is not null && e.CreatedAt is not null)
            .Select(e => new RolloutServiceEvent(e.Id!, e.CreatedAt!.Value, e.Message ?? string.Empty))
            .ToList();
        return new ServiceSnapshot(serviceName, deployments, events);
    }

    internal static DeploymentStatus DeploymentStatusOf(string? status) => status switch
    {
        "PRIMARY" => DeploymentStatus.Primary,
        "ACTIVE" => DeploymentStatus.Active,
        _ => DeploymentStatus.Inactive,
    };

    /// <summary>Null when the service does not report a rollout state (then counts alone decide).</summary>
    internal static RolloutState? RolloutStateOf(string? state) => state switch
    {
        "IN_PROGRESS" => RolloutState.InProgress,
        "COMPLETED" => RolloutState.Completed,
        "FAILED" => RolloutState.Failed,
        _ => null,
    };

    private static string? PrimaryDeploymentId(Service? service, string taskDefinition) =>
        service?.Deployments.FirstOrDefault(d =>
            d.Status == "PRIMARY" && string.Equals(d.TaskDefinition, taskDefinition, StringComparison.Ordinal))?.Id;

    private async Task<Service?> UpdateAsync(string service, string taskDefinition, CancellationToken cancellationToken)
    {
        var response = await _ecs.UpdateServiceAsync(
            new UpdateServiceRequest(_options.Cluster, service) { TaskDefinition = taskDefinition }, cancellationToken).ConfigureAwait(false);
        return response.Service;
    }

    private async Task<Service> DescribeServiceAsync(string name, CancellationToken cancellationToken)
    {
        var response = await _ecs.DescribeServicesAsync(new DescribeServicesRequest(_options.Cluster, [name]), cancellationToken).ConfigureAwait(false);
        var service = response.Services.FirstOrDefault(s => s.ServiceName == name || s.ServiceArn == name || s.ServiceArn?.EndsWith("/" + name, StringComparison.Ordinal) == true)
            ?? response.Services.FirstOrDefault();
        if (service is not null)
        {
            return service;
        }

        var reason = response.Failures.FirstOrDefault()?.Reason ?? "not in the answer";
        throw new DeliveryException(
            $"{Step}: ECS service '{name}' was not found on cluster '{_options.Cluster}' ({reason}). "
            + "Check the service names (--services) and the cluster (--cluster), and that the service was created with Terraform.");
    }
}
