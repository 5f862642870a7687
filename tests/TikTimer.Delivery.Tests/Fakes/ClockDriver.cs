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

    public static async Task<T> DriveAsync<T>(this FakeTimeProvider clock, Task<T> work, TimeSpan? limit = null)
    {
        await DriveAsync(clock, (Task)work, limit);
        return await work;
    }

    public static async Task DriveAsync(this FakeTimeProvider clock, Task work, TimeSpan? limit = null)
    {
        var end = clock.GetUtcNow() + (limit ?? TimeSpan.FromHours(2));
        while (!work.IsCompleted && clock.GetUtcNow() < end)
        {
            WithoutContext(() => clock.Advance(Step));
            await Task.Yield();
        }

        if (!work.IsCompleted)
        {
            Assert.Fail($"The work did not finish within {limit} of fake time.");
        }
    }

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
