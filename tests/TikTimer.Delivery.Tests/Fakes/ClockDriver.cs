using Microsoft.Extensions.Time.Testing;

namespace TikTimer.Delivery.Tests.Fakes;

/// <summary>
/// Moves a fake clock forward in small steps until the work under test is done,
/// so its waits elapse without real sleeping. The library awaits with
/// ConfigureAwait(false), so its continuations run inside Advance, in order,
/// on this thread: deterministic, as long as no test synchronization context
/// (NUnit installs one) forbids inlining them.
/// </summary>
public static class ClockDriver
{
    public static readonly TimeSpan Step = TimeSpan.FromMilliseconds(100);

    public static async Task<T> DriveAsync<T>(this DrivenClock clock, Task<T> work, TimeSpan? limit = null)
    {
        await DriveAsync(clock, (Task)work, limit);
        return await work;
    }

    public static async Task DriveAsync(this DrivenClock clock, Task work, TimeSpan? limit = null)
    {
        var end = clock.GetUtcNow() + (limit ?? TimeSpan.FromHours(2));
        while (!work.IsCompleted && clock.GetUtcNow() < end)
        {
            var (fired, armed) = (clock.Fired, clock.Armed);
            WithoutContext(() => clock.Advance(Step));
            await Task.Yield();
            await AnsweredAsync(clock, work, fired, armed);
        }

        if (!work.IsCompleted)
        {
            Assert.Fail($"The work did not finish within {limit} of fake time.");
        }
    }

    /// <summary>
    /// Waits, in real time, until every timer the step fired has been answered (see
    /// <see cref="DrivenClock"/>). Most answers come inline, inside Advance, and cost nothing.
    /// A firing that nothing answers (a wait that ended for good while the work goes on) is
    /// given up on after <see cref="AnswerLimit"/>.
    /// </summary>
    private static async Task AnsweredAsync(DrivenClock clock, Task work, long firedBefore, long armedBefore)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (!work.IsCompleted
               && clock.Armed - armedBefore < clock.Fired - firedBefore
               && waited.Elapsed < AnswerLimit)
        {
            await Task.Delay(1);
        }
    }

    private static readonly TimeSpan AnswerLimit = TimeSpan.FromMilliseconds(250);

    /// <summary>Runs an action that completes the library's awaits (Advance, Cancel) so their continuations run inline.</summary>
    public static void WithoutContext(Action action)
    {
        var saved = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(null);
        try
        {
            action();
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(saved);
        }
    }
}
