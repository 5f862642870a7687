using Microsoft.Extensions.Time.Testing;

namespace TikTimer.Delivery.Tests.Fakes;

/// <summary>
/// A fake clock that can tell when the work it drives has reacted to a step: every timer
/// that fires is answered by a timer armed again (the next poll, the next log read) or by
/// the work ending. <see cref="ClockDriver"/> holds time still until then, so a continuation
/// that the runtime queues to the thread pool (a cancelled wait at a deadline) sees the time
/// it fired at, not a later one, however loaded the machine is.
/// </summary>
public sealed class DrivenClock : FakeTimeProvider
{
    private long _fired;
    private long _armed;

    public long Fired => Interlocked.Read(ref _fired);

    public long Armed => Interlocked.Read(ref _armed);

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(
            s =>
            {
                Interlocked.Increment(ref _fired);
                callback(s);
            },
            state,
            dueTime,
            period);
        CountArming(dueTime);
        return new ArmedTimer(timer, this);
    }

    private void CountArming(TimeSpan dueTime)
    {
        if (dueTime != Timeout.InfiniteTimeSpan)
        {
            Interlocked.Increment(ref _armed);
        }
    }

    private sealed class ArmedTimer(ITimer inner, DrivenClock clock) : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            clock.CountArming(dueTime);
            return inner.Change(dueTime, period);
        }

        public void Dispose() => inner.Dispose();

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}
