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
    public void A_cap_below_the_quick_interval_is_rejected_by_name()
    {
        var schedule = AdaptivePollingSchedule.Default with { MaxInterval = TimeSpan.FromMilliseconds(10) };

        Assert.That(schedule.Validate, Throws.InstanceOf<ArgumentOutOfRangeException>().With.Message.Contains("MaxInterval"));
    }
}
