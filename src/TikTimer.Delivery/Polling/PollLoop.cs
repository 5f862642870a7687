namespace TikTimer.Delivery.Polling;

/// <summary>
/// The one wait of the suite: poll, report what was seen, stop on a terminal state
/// or at the deadline, otherwise back off on the schedule and poll again.
/// </summary>
/// <remarks>
/// The timeout convention, the same for every wait: reaching the deadline is an
/// outcome (<see cref="PollOutcome{T}.TimedOut"/>, with the last state seen), never an
/// exception; the caller's cancellation passes through as <see cref="OperationCanceledException"/>.
/// </remarks>
public sealed class PollLoop(AdaptivePollingSchedule schedule, TimeProvider time)
{
    /// <param name="poll">Reads the current state; gets a token that also ends at the deadline.</param>
    /// <param name="isTerminal">True when waiting is over.</param>
    /// <param name="report">Sees every state with the elapsed time (it decides what is worth saying).</param>
    public async Task<PollOutcome<T>> WaitAsync<T>(
        Func<CancellationToken, Task<T>> poll,
        Func<T, bool> isTerminal,
        Action<T, TimeSpan> report,
        TimeSpan timeout,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(poll);
        ArgumentNullException.ThrowIfNull(isTerminal);
        ArgumentNullException.ThrowIfNull(report);
        var started = time.GetTimestamp();
        T? last = default;
        TimeSpan? previousDelay = null;

        using var scope = new TimeoutScope(timeout, time, cancellationToken);
        try
        {
            while (true)
            {
                last = await poll(scope.Token).ConfigureAwait(false);
                var elapsed = time.GetElapsedTime(started);
                report(last, elapsed);
                if (isTerminal(last))
                {
                    return new PollOutcome<T>(last, TimedOut: false, elapsed);
                }

                var delay = schedule.NextDelay(elapsed, previousDelay);
                previousDelay = delay;
                await Task.Delay(delay, time, scope.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (scope.TimedOut)
        {
            return new PollOutcome<T>(last, TimedOut: true, time.GetElapsedTime(started));
        }
    }
}
