using TikTimer.Delivery.Reporting;
using TikTimer.Delivery.Waiting;

namespace TikTimer.Delivery.Migrations;

/// <summary>
/// Polls a task until it is STOPPED, on the adaptive schedule, saying each status
/// change (with elapsed time) and, when nothing changed for a while, that it is still waiting.
/// It only waits; <see cref="MigrationJudge"/> decides what the result means.
/// </summary>
internal sealed class OneOffTaskWaiter(
    IOneOffTaskPlatform platform,
    IDeliveryLog log,
    AdaptivePollingSchedule schedule,
    TimeSpan progressInterval,
    TimeProvider time)
{
    public async Task<OneOffTaskState> WaitUntilStoppedAsync(OneOffTaskHandle task, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        var lastSaid = started;
        string? lastStatus = null;
        TimeSpan? previousDelay = null;

        while (true)
        {
            var state = await platform.DescribeAsync(task, cancellationToken).ConfigureAwait(false);
            var elapsed = time.GetElapsedTime(started);

            if (!string.Equals(state.RawStatus, lastStatus, StringComparison.Ordinal))
            {
                log.Information($"Migration task {task.DisplayName}: {state.RawStatus} ({DurationText.Format(elapsed)})");
                lastStatus = state.RawStatus;
                lastSaid = time.GetTimestamp();
            }
            else if (time.GetElapsedTime(lastSaid) >= progressInterval)
            {
                log.Information($"Migration task {task.DisplayName}: still {state.RawStatus} ({DurationText.Format(elapsed)})");
                lastSaid = time.GetTimestamp();
            }

            if (state.Status == OneOffTaskStatus.Stopped)
            {
                return state;
            }

            var delay = schedule.NextDelay(elapsed, previousDelay);
            previousDelay = delay;
            await Task.Delay(delay, time, cancellationToken).ConfigureAwait(false);
        }
    }
}
