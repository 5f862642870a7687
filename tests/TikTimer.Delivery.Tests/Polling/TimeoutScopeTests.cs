using Microsoft.Extensions.Time.Testing;
using TikTimer.Delivery.Tests.Fakes;
using TikTimer.Delivery.Polling;
using TikTimer.Delivery.Reporting;

namespace TikTimer.Delivery.Tests.Polling;

public class TimeoutScopeTests
{
    [Test]
    public void Its_own_timeout_is_reported_as_a_timeout()
    {
        var clock = new FakeTimeProvider();
        using var scope = new TimeoutScope(TimeSpan.FromSeconds(5), clock, CancellationToken.None);

        ClockDriver.WithoutContext(() => clock.Advance(TimeSpan.FromSeconds(5)));

        Assert.That(scope.Token.IsCancellationRequested && scope.TimedOut, Is.True);
    }

    [Test]
    public void The_callers_cancellation_is_not_a_timeout()
    {
        var clock = new FakeTimeProvider();
        using var caller = new CancellationTokenSource();
        using var scope = new TimeoutScope(TimeSpan.FromSeconds(5), clock, caller.Token);

        caller.Cancel();

        Assert.That(scope.Token.IsCancellationRequested, Is.True);
        Assert.That(scope.TimedOut, Is.False);
    }

    [Test]
    public void A_caller_who_cancels_after_the_timeout_also_fired_gets_a_cancellation_not_a_timeout()
    {
        var clock = new FakeTimeProvider();
        using var caller = new CancellationTokenSource();
        using var scope = new TimeoutScope(TimeSpan.FromSeconds(5), clock, caller.Token);

        ClockDriver.WithoutContext(() => clock.Advance(TimeSpan.FromSeconds(5)));
        caller.Cancel();

        Assert.That(scope.TimedOut, Is.False);
    }

    [TestCase(0.85, "850 ms")]
    [TestCase(4.2, "4.2 s")]
    [TestCase(185, "3m05s")]
    [TestCase(3720, "1h02m")]
    public void Durations_read_as_people_write_them(double seconds, string expected)
    {
        Assert.That(DurationText.Format(TimeSpan.FromSeconds(seconds)), Is.EqualTo(expected));
    }
}
