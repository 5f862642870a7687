using NUnit.Framework.Constraints;
using TikTimer.Delivery.Polling;

namespace TikTimer.Delivery.Tests.Polling;

/// <summary>Each rule of <see cref="AdaptivePollingSchedule.Validate"/>, just inside and just outside its bound.</summary>
public class AdaptivePollingScheduleValidationTests
{
    private static readonly AdaptivePollingSchedule Valid = AdaptivePollingSchedule.Default;

    private static IResolveConstraint RejectedNaming(string name, string rule) =>
        Throws.InstanceOf<ArgumentOutOfRangeException>().With.Property(nameof(ArgumentException.ParamName)).EqualTo(name)
            .And.Message.Contains($"Polling schedule {name} {rule}.");

    [Test]
    public void The_defaults_are_valid() => Assert.That(Valid.Validate, Throws.Nothing);

    [Test]
    public void A_zero_quick_interval_is_rejected_by_name() =>
        Assert.That((Valid with { QuickInterval = TimeSpan.Zero }).Validate, RejectedNaming("QuickInterval", "must be positive"));

    [Test]
    public void The_smallest_positive_quick_interval_is_accepted() =>
        Assert.That((Valid with { QuickInterval = TimeSpan.FromTicks(1) }).Validate, Throws.Nothing);

    [Test]
    public void A_negative_quick_phase_is_rejected_by_name() =>
        Assert.That((Valid with { QuickPhase = TimeSpan.FromTicks(-1) }).Validate, RejectedNaming("QuickPhase", "must not be negative"));

    [Test]
    public void No_quick_phase_at_all_is_accepted() =>
        Assert.That((Valid with { QuickPhase = TimeSpan.Zero }).Validate, Throws.Nothing);

    [Test]
    public void A_backoff_factor_below_one_is_rejected_by_name() =>
        Assert.That((Valid with { BackoffFactor = 0.99 }).Validate, RejectedNaming("BackoffFactor", "must be at least 1"));

    [Test]
    public void A_backoff_factor_of_one_a_fixed_interval_is_accepted() =>
        Assert.That((Valid with { BackoffFactor = 1.0 }).Validate, Throws.Nothing);

    [Test]
    public void A_cap_below_the_quick_interval_is_rejected_by_name() =>
        Assert.That((Valid with { MaxInterval = Valid.QuickInterval - TimeSpan.FromTicks(1) }).Validate, RejectedNaming("MaxInterval", "must be at least QuickInterval"));

    [Test]
    public void A_cap_equal_to_the_quick_interval_is_accepted() =>
        Assert.That((Valid with { MaxInterval = Valid.QuickInterval }).Validate, Throws.Nothing);
}
