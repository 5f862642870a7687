using TikTimer.Delivery.Polling;

namespace TikTimer.Delivery.Tests.Polling;

public class AdaptivePollingScheduleTests
{
    [Test]
    public void The_first_ten_seconds_are_polled_every_second()
    {
        var schedule = AdaptivePollingSchedule.Default;

        Assert.That(schedule.NextDelay(TimeSpan.FromSeconds(9), TimeSpan.FromSeconds(1)), Is.EqualTo(TimeSpan.FromSeconds(1)));
    }

    [Test]
    public void After_the_quick_phase_the_interval_grows_by_half_each_time()
    {
        var schedule = AdaptivePollingSchedule.Default;

        Assert.That(schedule.NextDelay(TimeSpan.FromSeconds(11), TimeSpan.FromSeconds(2)), Is.EqualTo(TimeSpan.FromSeconds(3)));
    }

    [Test]
    public void The_interval_never_exceeds_its_cap()
    {
        var schedule = AdaptivePollingSchedule.Default;

        Assert.That(schedule.NextDelay(TimeSpan.FromMinutes(5), TimeSpan.FromSeconds(9)), Is.EqualTo(TimeSpan.FromSeconds(10)));
    }

    [Test]
    public void Backing_off_starts_exactly_at_the_end_of_the_quick_phase()
    {
        var schedule = AdaptivePollingSchedule.Default;

        Assert.That(schedule.NextDelay(TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(1)), Is.EqualTo(TimeSpan.FromSeconds(1.5)));
    }

    [Test]
    public void The_first_poll_after_the_quick_phase_without_a_previous_delay_is_quick()
    {
        var schedule = AdaptivePollingSchedule.Default;

        Assert.That(schedule.NextDelay(TimeSpan.FromSeconds(30), null), Is.EqualTo(TimeSpan.FromSeconds(1)));
    }

    [Test]
    public void Growth_starts_from_the_quick_interval_when_the_previous_delay_was_shorter()
    {
        var schedule = AdaptivePollingSchedule.Default;

        Assert.That(schedule.NextDelay(TimeSpan.FromSeconds(11), TimeSpan.FromMilliseconds(200)), Is.EqualTo(TimeSpan.FromSeconds(1.5)));
    }

    [Test]
    public void A_grown_interval_equal_to_the_cap_is_the_cap()
    {
        var schedule = AdaptivePollingSchedule.Default with { MaxInterval = TimeSpan.FromSeconds(3) };

        Assert.That(schedule.NextDelay(TimeSpan.FromSeconds(11), TimeSpan.FromSeconds(2)), Is.EqualTo(TimeSpan.FromSeconds(3)));
    }

    [Test]
    public void A_cap_below_the_quick_interval_is_rejected_by_name()
    {
        var schedule = AdaptivePollingSchedule.Default with { MaxInterval = TimeSpan.FromMilliseconds(10) };

        Assert.That(schedule.Validate, Throws.InstanceOf<ArgumentOutOfRangeException>().With.Message.Contains("MaxInterval"));
    }
}
