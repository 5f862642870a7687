using TikTimer.Delivery.Polling;
using TikTimer.Delivery.Reporting;

namespace TikTimer.Delivery.Migrations;

/// <summary>
/// Runs the database migration as a one-off task of the image about to be deployed:
/// guard -> start -> wait (following logs) -> last log read -> judge.
/// Throws unless the migration exited 0, so the deploy that depends on it never starts.
/// </summary>
/// <remarks>
/// Timeout: the task is asked to stop, its logs are read, and
/// <see cref="MigrationTimeoutException"/> carries the timeout and the task.
/// Caller cancellation (Ctrl-C): the task is asked to stop too (best effort,
/// bounded by <see cref="MigrationOptions.StopTimeout"/>), because a half-watched
/// migration nobody waits for is worse than an interrupted one the next run
/// repeats; the log says which task and how to stop it by hand; then the
/// <see cref="OperationCanceledException"/> passes through unchanged.
/// </remarks>
public sealed class MigrationRunner
{
    private readonly IOneOffTaskPlatform _platform;
    private readonly IDeliveryLog _log;
    private readonly MigrationOptions _options;
    private readonly TimeProvider _time;
    private readonly PollLoop _poll;

    public MigrationRunner(IOneOffTaskPlatform platform, IDeliveryLog log, MigrationOptions? options = null, TimeProvider? timeProvider = null)
    {
        _platform = platform ?? throw new ArgumentNullException(nameof(platform));
        _log = log ?? throw new ArgumentNullException(nameof(log));
        _options = options ?? new MigrationOptions();
        _options.Validate();
        _time = timeProvider ?? TimeProvider.System;
        _poll = new PollLoop(_options.Polling, _time);
    }

    public async Task<MigrationResult> RunAsync(OneOffTaskSpec spec, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(spec);
        await GuardAsync(spec.Family, cancellationToken).ConfigureAwait(false);

        var started = _time.GetTimestamp();
        var task = await _platform.StartAsync(spec, cancellationToken).ConfigureAwait(false);
        _log.Information($"Started migration task {task.DisplayName} ({task.Id}) from {spec.Image}; timeout {DurationText.Format(_options.Timeout)}.");
        await YieldToAnEarlierTwinAsync(spec.Family, task, cancellationToken).ConfigureAwait(false);

        var logs = new LogFollower(_platform, task, _log, _options.FailureLogLines);
        var state = await WaitWithinTimeoutAsync(task, logs, cancellationToken).ConfigureAwait(false);
        await ReadLastLogsAsync(logs, cancellationToken).ConfigureAwait(false);

        var verdict = MigrationJudge.Judge(state);
        var elapsed = _time.GetElapsedTime(started);
        if (!verdict.Succeeded)
        {
            throw new MigrationFailedException(task, verdict, logs.Tail);
        }

        _log.Information($"Migration task {task.DisplayName} succeeded ({verdict.Reason}) in {DurationText.Format(elapsed)}.");
        return new MigrationResult(task, state, elapsed) { Applied = logs.Applied };
    }

    private async Task GuardAsync(string family, CancellationToken cancellationToken)
    {
        var active = await _platform.FindActiveAsync(family, cancellationToken).ConfigureAwait(false);
        if (active.Count == 0)
        {
            return;
        }

        if (!_options.Force)
        {
            throw new MigrationBlockedException(family, active);
        }

        _log.Warning($"Starting a migration beside active task(s) {string.Join(", ", active)} of {family} because --force was given.");
    }

    /// <summary>
    /// The guard before the start is check-then-act: two runs can both pass it. So after the
    /// start each looks again, and the later of two concurrent tasks of the family stops itself
    /// (both runs see the same two tasks and agree which is later: creation time, then id).
    /// The earlier one runs on; the later run fails saying which task it gave way to.
    /// </summary>
    private async Task YieldToAnEarlierTwinAsync(string family, OneOffTaskHandle ours, CancellationToken cancellationToken)
    {
        if (_options.Force)
        {
            return;
        }

        var others = await _platform.FindOtherActiveAsync(family, ours, cancellationToken).ConfigureAwait(false);
        var earlier = others.Where(t => t.StartedBefore(ours)).ToList();
        if (earlier.Count == 0)
        {
            return;
        }

        _log.Warning($"Migration task {string.Join(", ", earlier.Select(t => t.DisplayName))} of {family} started just before ours; stopping ours ({ours.DisplayName}) so only one migrates.");
        await StopAsync(ours, $"TikTimer delivery: another migration of {family} ({earlier[0].DisplayName}) started first").ConfigureAwait(false);
        throw new MigrationBlockedException(family, earlier, ours);
    }

    private async Task<OneOffTaskState> WaitWithinTimeoutAsync(OneOffTaskHandle task, LogFollower logs, CancellationToken cancellationToken)
    {
        PollOutcome<OneOffTaskState> waited;
        try
        {
            waited = await WaitFollowingLogsAsync(task, logs, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            _log.Warning($"Cancelled while waiting for migration task {task.DisplayName} ({task.Id}); asking it to stop.");
            await StopAsync(task, "TikTimer delivery: cancelled by user").ConfigureAwait(false);
            throw;
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            _log.Error($"Lost track of migration task {task.DisplayName} ({task.Id}); it may still be running. Check or stop it with: {task.StopHint}");
            throw;
        }

        if (waited.TimedOut || waited.Last is null)
        {
            if (await FinalStateAsync(task).ConfigureAwait(false) is { } finished)
            {
                _log.Warning($"Migration task {task.DisplayName} finished as its timeout ({DurationText.Format(_options.Timeout)}) fired; judging its final state.");
                return finished;
            }

            _log.Error($"Migration task {task.DisplayName} did not finish within {DurationText.Format(_options.Timeout)}; stopping it.");
            await StopAsync(task, $"TikTimer delivery: migration timed out after {DurationText.Format(_options.Timeout)}").ConfigureAwait(false);
            await ReadLastLogsAsync(logs, CancellationToken.None).ConfigureAwait(false);
            throw new MigrationTimeoutException(task, _options.Timeout, logs.Tail);
        }

        return waited.Last;
    }

    /// <summary>
    /// A task that stopped between the last poll and the timeout has a result; calling it
    /// "timed out" would hide a migrated (or failed) database. Null when it still runs.
    /// </summary>
    private async Task<OneOffTaskState?> FinalStateAsync(OneOffTaskHandle task)
    {
        using var bounded = new CancellationTokenSource(_options.StopTimeout, _time);
        try
        {
            var state = await _platform.DescribeAsync(task, bounded.Token).ConfigureAwait(false);
            return state.Status == OneOffTaskStatus.Stopped ? state : null;
        }
        catch (Exception error) when (error is DeliveryException or OperationCanceledException)
        {
            return null;
        }
    }

    private async Task<PollOutcome<OneOffTaskState>> WaitFollowingLogsAsync(OneOffTaskHandle task, LogFollower logs, CancellationToken cancellationToken)
    {
        using var following = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var follower = logs.FollowAsync(_options.LogPollInterval, _time, following.Token);
        try
        {
            return await WaitUntilStoppedAsync(task, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            // The follower must be finished before anyone reads again, or lines could repeat.
            await following.CancelAsync().ConfigureAwait(false);
            await follower.ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Polls until STOPPED or the timeout, saying each status change (with elapsed time)
    /// and, when nothing changed for a while, that it is still waiting. <see cref="MigrationJudge"/> decides what it means.
    /// </summary>
    private Task<PollOutcome<OneOffTaskState>> WaitUntilStoppedAsync(OneOffTaskHandle task, CancellationToken cancellationToken)
    {
        string? lastStatus = null;
        var lastSaid = _time.GetTimestamp();
        void Report(OneOffTaskState state, TimeSpan elapsed)
        {
            if (!string.Equals(state.RawStatus, lastStatus, StringComparison.Ordinal))
            {
                _log.Information($"Migration task {task.DisplayName}: {state.RawStatus} ({DurationText.Format(elapsed)})");
                lastStatus = state.RawStatus;
                lastSaid = _time.GetTimestamp();
            }
            else if (_time.GetElapsedTime(lastSaid) >= _options.ProgressInterval)
            {
                _log.Information($"Migration task {task.DisplayName}: still {state.RawStatus} ({DurationText.Format(elapsed)})");
                lastSaid = _time.GetTimestamp();
            }
        }

        return _poll.WaitAsync(
            token => _platform.DescribeAsync(task, token),
            state => state.Status == OneOffTaskStatus.Stopped,
            Report,
            _options.Timeout,
            cancellationToken);
    }

    private async Task ReadLastLogsAsync(LogFollower logs, CancellationToken cancellationToken)
    {
        using var scope = new TimeoutScope(_options.StopTimeout, _time, cancellationToken);
        try
        {
            await DrainLateLinesAsync(logs, scope.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (scope.TimedOut)
        {
            _log.Warning($"Gave up reading the last log lines after {DurationText.Format(_options.StopTimeout)}.");
        }
    }

    /// <summary>
    /// Lines written just before the task stopped can reach the log store up to
    /// <see cref="MigrationOptions.LogGracePeriod"/> later. Two empty reads in a row mean the
    /// store has caught up; the grace bounds the wait when lines keep coming, and with no grace
    /// the first read is complete.
    /// </summary>
    private async Task DrainLateLinesAsync(LogFollower logs, CancellationToken cancellationToken)
    {
        var stopped = _time.GetTimestamp();
        var emptyReads = 0;
        while (true)
        {
            var lines = await logs.ReadNewAsync(cancellationToken).ConfigureAwait(false);
            emptyReads = lines == 0 ? emptyReads + 1 : 0;
            var left = _options.LogGracePeriod - _time.GetElapsedTime(stopped);
            if (emptyReads == 2 || left <= TimeSpan.Zero)
            {
                return;
            }

            await Task.Delay(left < _options.LogDrainInterval ? left : _options.LogDrainInterval, _time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Best effort: the wait is already over, so a failure to stop is reported, not thrown.</summary>
    private async Task StopAsync(OneOffTaskHandle task, string reason)
    {
        using var bounded = new CancellationTokenSource(_options.StopTimeout, _time);
        try
        {
            await _platform.StopAsync(task, reason, bounded.Token).ConfigureAwait(false);
            _log.Warning($"Asked migration task {task.DisplayName} to stop ({reason}). To check or stop it by hand: {task.StopHint}");
        }
        catch (Exception error)
        {
            _log.Error($"Could not stop migration task {task.DisplayName} ({task.Id}): {error.Message}. It may still be running; stop it with: {task.StopHint}");
        }
    }
}
