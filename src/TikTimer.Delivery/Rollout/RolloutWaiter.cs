using TikTimer.Delivery.Reporting;
using TikTimer.Delivery.Waiting;

namespace TikTimer.Delivery.Rollout;

/// <summary>
/// Polls one rollout until <see cref="RolloutJudge"/> calls it stable or failed, or
/// its timeout passes, printing new events and changed counts on the way.
/// A timeout is an outcome, not an exception; the caller's cancellation passes through.
/// </summary>
public sealed class RolloutWaiter(IServiceRolloutPlatform platform, IDeliveryLog log, AdaptivePollingSchedule schedule, TimeProvider? timeProvider = null)
{
    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;

    public async Task<RolloutOutcome> WaitAsync(RolloutHandle rollout, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var printer = new ServiceEventPrinter(rollout.Service, log);
        var started = _time.GetTimestamp();
        var verdict = new RolloutVerdict(RolloutProgress.InProgress, "not described yet", null);
        TimeSpan? previousDelay = null;

        using var scope = new TimeoutScope(timeout, _time, cancellationToken);
        try
        {
            while (true)
            {
                var snapshot = await platform.DescribeAsync(rollout, scope.Token).ConfigureAwait(false);
                verdict = RolloutJudge.Judge(rollout, snapshot);
                printer.Print(snapshot, verdict);
                if (verdict.IsFinal)
                {
                    return new RolloutOutcome(rollout, verdict, TimedOut: false, _time.GetElapsedTime(started));
                }

                var delay = schedule.NextDelay(_time.GetElapsedTime(started), previousDelay);
                previousDelay = delay;
                await Task.Delay(delay, _time, scope.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (scope.TimedOut)
        {
            return new RolloutOutcome(rollout, verdict, TimedOut: true, _time.GetElapsedTime(started));
        }
    }
}
