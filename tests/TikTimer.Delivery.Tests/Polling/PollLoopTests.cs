using Microsoft.Extensions.Time.Testing;
using TikTimer.Delivery.Polling;
using TikTimer.Delivery.Tests.Fakes;

namespace TikTimer.Delivery.Tests.Polling;

public class PollLoopTests
{
    private readonly DrivenClock _clock = new();

    [Test]
    public async Task A_terminal_state_ends_the_wait_after_reporting_every_state_seen()
    {
        var polls = 0;
        var reported = new List<int>();
        var loop = new PollLoop(AdaptivePollingSchedule.Default, _clock);

        var outcome = await _clock.DriveAsync(loop.WaitAsync(
            _ => Task.FromResult(++polls),
            n => n == 3,
            (n, _) => reported.Add(n),
            TimeSpan.FromMinutes(1),
            CancellationToken.None));

        Assert.That(outcome.TimedOut, Is.False);
        Assert.That(outcome.Last, Is.EqualTo(3));
        Assert.That(reported, Is.EqualTo(new[] { 1, 2, 3 }));
        Assert.That(outcome.Elapsed, Is.EqualTo(TimeSpan.FromSeconds(2)), "two quick intervals of 1 s between three polls");
    }

    [Test]
    public async Task The_deadline_is_an_outcome_carrying_the_last_state_seen()
    {
        var loop = new PollLoop(AdaptivePollingSchedule.Default, _clock);

        var outcome = await _clock.DriveAsync(loop.WaitAsync(
            _ => Task.FromResult("RUNNING"),
            _ => false,
            (_, _) => { },
            TimeSpan.FromSeconds(30),
            CancellationToken.None));

        Assert.That(outcome.TimedOut, Is.True);
        Assert.That(outcome.Last, Is.EqualTo("RUNNING"));
        // At the deadline itself: not before it, and not at the next poll (the last delay was 10 s).
        Assert.That(outcome.Elapsed, Is.EqualTo(TimeSpan.FromSeconds(30)));
    }

    [Test]
    public void The_callers_cancellation_passes_through()
    {
        using var cancel = new CancellationTokenSource();
        var loop = new PollLoop(AdaptivePollingSchedule.Default, _clock);

        var wait = loop.WaitAsync(
            _ => Task.FromResult(0),
            _ => false,
            (_, _) => { },
            TimeSpan.FromMinutes(10),
            cancel.Token);
        ClockDriver.WithoutContext(cancel.Cancel);

        Assert.That(async () => await wait, Throws.InstanceOf<OperationCanceledException>());
    }
}
