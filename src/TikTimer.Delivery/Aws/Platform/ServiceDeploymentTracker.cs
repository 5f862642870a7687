using System.Collections.Concurrent;
using TikTimer.Delivery.Aws.Ecs;
using TikTimer.Delivery.Reporting;
using TikTimer.Delivery.Rollout;

namespace TikTimer.Delivery.Aws.Platform;

/// <summary>
/// Finds ECS's service-deployment record of each rollout (the newest one, created since our
/// UpdateService, whose target service revision runs our task definition) and reads it on every
/// poll, for <see cref="ServiceDeploymentJudge"/>. Where ECS keeps no such record it says so once
/// and leaves the rollout to the service's deployments[] (<see cref="RolloutJudge"/>).
/// </summary>
/// <remarks>
/// The record is "not available" for the rest of the run when the endpoint does not know the
/// operations (UnknownOperationException, InvalidAction), the credentials may not call them
/// (AccessDeniedException), or the endpoint answers with an HTML page instead of AWS JSON (moto
/// 5.2.1's HTTP 500 for an operation it lacks; the client does not retry that, so plain moto costs
/// one round trip per run). Other errors (throttling after the client's retries, a network
/// failure) are errors of the rollout's follow-up, as DescribeServices' are.
/// </remarks>
internal sealed class ServiceDeploymentTracker(IEcsApi ecs, string cluster, IDeliveryLog log, TimeProvider time)
{
    /// <summary>How long a rollout waits for ECS to list its record before it is judged by deployments[] alone.</summary>
    public static readonly TimeSpan DiscoveryGrace = TimeSpan.FromSeconds(30);

    // Our deployment's createdAt (from UpdateService) and the record's come from ECS's clock; this only absorbs rounding.
    private static readonly TimeSpan CreatedAtTolerance = TimeSpan.FromSeconds(10);

    private static readonly string[] Operations = ["ecs:ListServiceDeployments", "ecs:DescribeServiceDeployments", "ecs:DescribeServiceRevisions"];

    private readonly ConcurrentDictionary<RolloutHandle, Tracked> _tracked = new();
    private readonly ConcurrentDictionary<string, string?> _taskDefinitions = new(StringComparer.Ordinal);
    private readonly object _announce = new();
    private bool _announced;
    private volatile string? _unavailable;

    /// <summary>Why the record is not used in this run, once that is known.</summary>
    public string? Unavailable => _unavailable;

    /// <summary>
    /// Registers a rollout just started. <paramref name="newDeployment"/> is false when UpdateService
    /// started no deployment (the service already ran that revision): then ECS makes no record either.
    /// </summary>
    public void Started(RolloutHandle rollout, DateTimeOffset? createdAt, bool newDeployment) =>
        _tracked[rollout] = new Tracked(createdAt, newDeployment, time.GetTimestamp());

    /// <summary>ECS's verdict on the rollout, or null when it keeps none here (judge by deployments[]).</summary>
    public async Task<RecordedRollout?> ObserveAsync(RolloutHandle rollout, CancellationToken cancellationToken)
    {
        if (_unavailable is not null || !_tracked.TryGetValue(rollout, out var tracked) || !tracked.Expected)
        {
            return null;
        }

        try
        {
            tracked.Arn ??= await FindAsync(rollout, tracked, cancellationToken).ConfigureAwait(false);
            if (tracked.Arn is null)
            {
                if (time.GetElapsedTime(tracked.Started) < DiscoveryGrace)
                {
                    return new RecordedRollout(RolloutProgress.InProgress, $"waiting for ECS to list the service deployment of {ImageRevisions.NameFromArn(rollout.RevisionId)}");
                }

                tracked.Expected = false;
                log.Warning($"{rollout.Service}: ECS listed no service deployment of {ImageRevisions.NameFromArn(rollout.RevisionId)} within {DiscoveryGrace.TotalSeconds:0} s; judging this rollout by the service's deployments[].");
                return null;
            }

            var described = await ecs.DescribeServiceDeploymentsAsync(new DescribeServiceDeploymentsRequest([tracked.Arn]), cancellationToken).ConfigureAwait(false);
            var record = described.ServiceDeployments.FirstOrDefault(d => d.ServiceDeploymentArn == tracked.Arn);
            if (record is null)
            {
                tracked.Expected = false;
                log.Warning($"{rollout.Service}: ECS no longer describes service deployment {tracked.Arn} ({described.Failures.FirstOrDefault()?.Reason ?? "not in the answer"}); judging this rollout by the service's deployments[].");
                return null;
            }

            if (record.Status is not ("STOP_REQUESTED" or "STOPPED"))
            {
                return ServiceDeploymentJudge.Judge(record);
            }

            var (newer, newerTaskDefinition) = await NewerAsync(rollout, record, cancellationToken).ConfigureAwait(false);
            return ServiceDeploymentJudge.Judge(record, newer, newerTaskDefinition);
        }
        catch (AwsServiceException error) when (NotServedBecause(error) is { } why)
        {
            _unavailable = why;
            Announce();
            return null;
        }
    }

    /// <summary>The reason ECS's record cannot be had from this endpoint with these credentials, or null for an ordinary error.</summary>
    internal static string? NotServedBecause(AwsServiceException error) => error.ErrorCode switch
    {
        "UnknownOperationException" or "InvalidAction" or "UnsupportedOperation" or "UnsupportedOperationException" =>
            $"the ECS endpoint does not know {error.Operation} ({error.ErrorCode})",
        "AccessDeniedException" or "AccessDenied" =>
            $"the credentials may not call ecs:{error.Operation} ({error.ErrorCode}); allow {string.Join(", ", Operations)} to see ECS's own verdict (infra/deploy-role-actions.json lists them)",
        _ when error.HttpStatus == 500 && error.ErrorCode == "HTTP500" =>
            $"the ECS endpoint answered {error.Operation} with HTTP 500 and no AWS error (moto 5.2.1 does not implement it)",
        _ => null,
    };

    private void Announce()
    {
        lock (_announce)
        {
            if (_announced)
            {
                return;
            }

            _announced = true;
        }

        if (_unavailable is { } why)
        {
            log.Warning($"ECS service deployments are not available: {why}. Judging each rollout by the service's deployments[] instead.");
        }
        else
        {
            log.Information("ECS keeps a service-deployment record of each rollout here: judging by it (ListServiceDeployments, DescribeServiceDeployments).");
        }
    }

    private async Task<string?> FindAsync(RolloutHandle rollout, Tracked tracked, CancellationToken cancellationToken)
    {
        var since = tracked.CreatedAt - CreatedAtTolerance;
        var briefs = await ListAsync(rollout.Service, since, cancellationToken).ConfigureAwait(false);
        Announce();
        await ResolveAsync(briefs.Select(b => b.TargetServiceRevisionArn), cancellationToken).ConfigureAwait(false);
        return briefs.FirstOrDefault(b =>
            b.TargetServiceRevisionArn is { } revision
            && _taskDefinitions.TryGetValue(revision, out var taskDefinition)
            && string.Equals(taskDefinition, rollout.RevisionId, StringComparison.Ordinal))?.ServiceDeploymentArn;
    }

    /// <summary>The record that started after ours (the one that replaced it), with its task definition.</summary>
    private async Task<(ServiceDeploymentBrief? Brief, string? TaskDefinition)> NewerAsync(RolloutHandle rollout, ServiceDeployment ours, CancellationToken cancellationToken)
    {
        var briefs = await ListAsync(rollout.Service, ours.CreatedAt, cancellationToken).ConfigureAwait(false);
        var newer = briefs
            .Where(b => b.ServiceDeploymentArn != ours.ServiceDeploymentArn && (ours.CreatedAt is null || b.CreatedAt > ours.CreatedAt))
            .OrderBy(b => b.CreatedAt)
            .FirstOrDefault();
        if (newer?.TargetServiceRevisionArn is not { } revision)
        {
            return (newer, null);
        }

        await ResolveAsync([revision], cancellationToken).ConfigureAwait(false);
        return (newer, _taskDefinitions.GetValueOrDefault(revision));
    }

    /// <summary>The service's records created since <paramref name="since"/>, newest first.</summary>
    private async Task<IReadOnlyList<ServiceDeploymentBrief>> ListAsync(string service, DateTimeOffset? since, CancellationToken cancellationToken)
    {
        var response = await ecs.ListServiceDeploymentsAsync(
            new ListServiceDeploymentsRequest(service)
            {
                Cluster = cluster,
                CreatedAt = since is null ? null : new CreatedAtFilter { After = since },
            },
            cancellationToken).ConfigureAwait(false);
        return response.ServiceDeployments.OrderByDescending(b => b.CreatedAt).ToList();
    }

    /// <summary>Learns the task definition of each revision not known yet (revisions never change), 20 per call as ECS allows.</summary>
    private async Task ResolveAsync(IEnumerable<string?> revisionArns, CancellationToken cancellationToken)
    {
        var unknown = revisionArns.OfType<string>().Where(a => !_taskDefinitions.ContainsKey(a)).Distinct(StringComparer.Ordinal).ToList();
        foreach (var batch in unknown.Chunk(20))
        {
            var described = await ecs.DescribeServiceRevisionsAsync(new DescribeServiceRevisionsRequest(batch), cancellationToken).ConfigureAwait(false);
            foreach (var arn in batch)
            {
                _taskDefinitions[arn] = described.ServiceRevisions.FirstOrDefault(r => r.ServiceRevisionArn == arn)?.TaskDefinition;
            }
        }
    }

    private sealed class Tracked(DateTimeOffset? createdAt, bool expected, long started)
    {
        public DateTimeOffset? CreatedAt { get; } = createdAt;

        public long Started { get; } = started;

        public bool Expected { get; set; } = expected;

        public string? Arn { get; set; }
    }
}
