using TikTimer.Delivery.Validation;

namespace TikTimer.Delivery.Polling;

/// <summary>
/// How often a wait asks "is it done yet?": every <see cref="QuickInterval"/>
/// (1 s) during the first <see cref="QuickPhase"/> (10 s), then each interval
/// is the previous one times <see cref="BackoffFactor"/> (1.5) up to
/// <see cref="MaxInterval"/> (10 s).
/// </summary>
/// <remarks>
/// Most migrations finish in seconds, so the first polls are quick: a task that
/// stops within 5 s is noticed within 1 s. Long waits back off so that a full
/// 10-minute wait costs 73 describe calls (11 quick, at 0..10 s, + 5 backing off
/// (1.5, 2.3, 3.4, 5.1, 7.6 s) + ~57 at the 10 s cap), under the 80-call budget
/// and well under the 100 the AWS CLI's TasksStopped waiter makes at a fixed 6 s.
/// A 10 s cap keeps the worst-case notice delay of a long task at 10 s.
/// </remarks>
public sealed record AdaptivePollingSchedule
{
    public static AdaptivePollingSchedule Default { get; } = new();

    public TimeSpan QuickInterval { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan QuickPhase { get; init; } = TimeSpan.FromSeconds(10);

    public double BackoffFactor { get; init; } = 1.5;

    public TimeSpan MaxInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The delay before the next poll, given how long the wait has run and the previous delay.</summary>
    public TimeSpan NextDelay(TimeSpan elapsed, TimeSpan? previousDelay)
    {
        if (elapsed < QuickPhase || previousDelay is null)
        {
            return QuickInterval;
        }

        var grown = TimeSpan.FromTicks((long)(Math.Max(previousDelay.Value.Ticks, QuickInterval.Ticks) * BackoffFactor));
        return grown < MaxInterval ? grown : MaxInterval;
    }

    /// <summary>Throws when a value is outside its sensible range, naming it.</summary>
    public void Validate()
    {
        OptionRange.Require(QuickInterval > TimeSpan.Zero, QuickInterval, "Polling schedule", nameof(QuickInterval), "must be positive");
        OptionRange.Require(QuickPhase >= TimeSpan.Zero, QuickPhase, "Polling schedule", nameof(QuickPhase), "must not be negative");
        OptionRange.Require(BackoffFactor >= 1.0, BackoffFactor, "Polling schedule", nameof(BackoffFactor), "must be at least 1");
        OptionRange.Require(MaxInterval >= QuickInterval, MaxInterval, "Polling schedule", nameof(MaxInterval), "must be at least QuickInterval");
    }
}
