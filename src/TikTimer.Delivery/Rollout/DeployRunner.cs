using TikTimer.Delivery.Polling;
using TikTimer.Delivery.Reporting;

namespace TikTimer.Delivery.Rollout;

/// <summary>
/// Rolls every configured service onto the new image at once, waits for each to be
/// really stable, and when any fails or times out rolls them all back (when enabled)
/// and reports both what failed and what is serving again.
/// </summary>
/// <remarks>
/// All services are rolled back, not only the failed one: they are one release, and
/// an API and a worker on different versions is a state nobody tested.
/// Caller cancellation (Ctrl-C) stops waiting and passes through without a rollback:
/// the platform carries on with the update on its own (ECS's circuit breaker still applies),
/// and rolling back on an interrupt would be a second change nobody asked for.
/// </remarks>
public sealed class DeployRunner(IServiceRolloutPlatform platform, IDeliveryLog log, RolloutOptions? options = null, TimeProvider? timeProvider = null)
{
    private readonly IServiceRolloutPlatform _platform = platform ?? throw new ArgumentNullException(nameof(platform));
    private readonly IDeliveryLog _log = log ?? throw new ArgumentNullException(nameof(log));
    private readonly RolloutOptions _options = RolloutOptions.Checked(options);
    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;

    public async Task<DeployResult> DeployAsync(IReadOnlyList<ServiceRolloutRequest> services, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (services.Count == 0)
        {
            throw new DeliveryException("Deploy: no service is configured to deploy. Set at least one service name (--services).");
        }

        ServiceAttempt[] attempts;
        try
        {
            attempts = await Task.WhenAll(services.Select(s => RollOutAsync(s, cancellationToken))).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            _log.Warning($"Cancelled while waiting for {string.Join(", ", services.Select(s => s.Service))}; the platform carries on with the update and nothing was rolled back.");
            throw;
        }

        var started = attempts.Where(a => a.Rollout is not null).Select(a => a.Rollout!).ToList();
        var failures = attempts.Where(a => a.Failure is not null).Select(a => a.Failure!).ToList();
        if (failures.Count == 0)
        {
            _log.Information($"Deployed: {string.Join(", ", started.Select(r => $"{r.Service} on {r.RevisionId}"))}.");
            return new DeployResult(started);
        }

        foreach (var failure in failures)
        {
            _log.Error(failure);
        }

        // A superseded service now runs someone else's release: rolling it back would undo theirs.
        var ours = attempts.Where(a => a.Rollout is not null && !a.Superseded).Select(a => a.Rollout!).ToList();
        foreach (var superseded in attempts.Where(a => a.Superseded))
        {
            _log.Warning($"{superseded.Rollout!.Service}: not rolled back: another deployment replaced ours, and rolling back would undo it.");
        }

        var rollbacks = !_options.Rollback ? null
            : ours.Count > 0 ? await RollBackAsync(ours, cancellationToken).ConfigureAwait(false)
            : [];
        throw new DeploymentFailedException("Deploy", failures, rollbacks);
    }

    /// <summary>
    /// Moves each service back to the revision it had before <paramref name="rollouts"/> and waits
    /// for it; also what a failed smoke test calls. Never throws for a failed rollback: it is reported.
    /// </summary>
    public async Task<IReadOnlyList<RollbackReport>> RollBackAsync(IReadOnlyList<RolloutHandle> rollouts, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rollouts);
        var reports = await Task.WhenAll(rollouts.Select(r => RollBackOneAsync(r, cancellationToken))).ConfigureAwait(false);
        foreach (var report in reports)
        {
            if (report.Succeeded)
            {
                _log.Information(report.Message);
            }
            else
            {
                _log.Error(report.Message);
            }
        }

        return reports;
    }

    private async Task<ServiceAttempt> RollOutAsync(ServiceRolloutRequest request, CancellationToken cancellationToken)
    {
        var started = _time.GetTimestamp();
        RolloutHandle rollout;
        using (var scope = new TimeoutScope(_options.Timeout, _time, cancellationToken))
        {
            try
            {
                rollout = await _platform.StartRolloutAsync(request, scope.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (scope.TimedOut)
            {
                // Whether the update reached the platform is unknown, so there is nothing safe to roll back here.
                return new ServiceAttempt(null, $"{request.Service}: could not start the rollout within {DurationText.Format(_options.Timeout)}; check whether the service was updated");
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                return new ServiceAttempt(null, $"{request.Service}: could not start the rollout: {error.Message}");
            }
        }

        _log.Information($"Rolling out {request.Service}: {rollout.RevisionId} (image {request.Image}) replacing {rollout.PreviousRevisionId ?? "nothing"}.");
        RolloutOutcome outcome;
        try
        {
            var left = _options.Timeout - _time.GetElapsedTime(started);
            outcome = await WaitAsync(rollout, left > TimeSpan.Zero ? left : TimeSpan.Zero, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            return new ServiceAttempt(rollout, $"{request.Service}: could not follow the rollout: {error.Message}");
        }

        if (outcome.IsStable)
        {
            _log.Information($"{request.Service}: {outcome.Verdict.Reason} after {DurationText.Format(outcome.Elapsed)}.");
            return new ServiceAttempt(rollout, null);
        }

        var failure = outcome.TimedOut
            ? $"{request.Service}: not stable within {DurationText.Format(_options.Timeout)} ({outcome.Verdict.Reason})"
            : $"{request.Service}: {outcome.Verdict.Reason}";
        return new ServiceAttempt(rollout, failure) { Superseded = !outcome.TimedOut && outcome.Verdict.Progress == RolloutProgress.Superseded };
    }

    private async Task<RollbackReport> RollBackOneAsync(RolloutHandle failed, CancellationToken cancellationToken)
    {
        var service = failed.Service;
        if (failed.PreviousRevisionId is null)
        {
            return new RollbackReport(service, false, $"{service}: no previous revision to roll back to (first deployment); it needs attention.");
        }

        _log.Warning($"Rolling {service} back to {failed.PreviousRevisionId}.");
        var timeout = _options.RollbackTimeout;
        var started = _time.GetTimestamp();
        RolloutHandle rollback;

        // The rollback timeout covers starting it too: a start that hangs (throttled, retried) must not outlast it.
        using (var scope = new TimeoutScope(timeout, _time, cancellationToken))
        {
            try
            {
                rollback = await _platform.RollBackAsync(failed, scope.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (scope.TimedOut)
            {
                return NotStarted($"not started within {DurationText.Format(timeout)}");
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                return NotStarted(error.Message);
            }
        }

        RolloutOutcome outcome;
        try
        {
            var left = timeout - _time.GetElapsedTime(started);
            outcome = await WaitAsync(rollback, left > TimeSpan.Zero ? left : TimeSpan.Zero, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            return new RollbackReport(service, false, $"{service}: ROLLBACK to {failed.PreviousRevisionId} was started but could not be followed ({error.Message}); the service needs attention.");
        }

        return outcome.IsStable
            ? new RollbackReport(service, true, $"{service}: rolled back; the previous revision {failed.PreviousRevisionId} is serving again.")
            : new RollbackReport(service, false, $"{service}: ROLLBACK to {failed.PreviousRevisionId} did not become stable ({(outcome.TimedOut ? $"timed out after {DurationText.Format(timeout)}, " : string.Empty)}{outcome.Verdict.Reason}); the service needs attention.");

        RollbackReport NotStarted(string why) =>
            new(service, false, $"{service}: ROLLBACK to {failed.PreviousRevisionId} could not be started ({why}); the service needs attention.");
    }

    /// <summary>Polls one rollout until <see cref="RolloutJudge"/> calls it stable or failed, or the timeout passes, printing new events and changed counts.</summary>
    private async Task<RolloutOutcome> WaitAsync(RolloutHandle rollout, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var printer = new ServiceEventPrinter(rollout.Service, _log);
        var waited = await new PollLoop(_options.Polling, _time).WaitAsync(
            async token =>
            {
                var snapshot = await _platform.DescribeAsync(rollout, token).ConfigureAwait(false);
                return new Observation(snapshot, RolloutJudge.Judge(rollout, snapshot));
            },
            seen => seen.Verdict.IsFinal,
            (seen, _) => printer.Print(seen.Snapshot, seen.Verdict),
            timeout,
            cancellationToken).ConfigureAwait(false);
        var verdict = waited.Last?.Verdict ?? new RolloutVerdict(RolloutProgress.InProgress, "not described yet", null);
        return new RolloutOutcome(rollout, verdict, waited.TimedOut, waited.Elapsed);
    }

    private sealed record Observation(ServiceSnapshot Snapshot, RolloutVerdict Verdict);

    private sealed record ServiceAttempt(RolloutHandle? Rollout, string? Failure)
    {
        public bool Superseded { get; init; }
    }
}
