using TikTimer.Delivery.Polling;
using TikTimer.Delivery.Validation;

namespace TikTimer.Delivery.Rollout;

/// <summary>How <see cref="DeployRunner"/> waits and recovers. Defaults documented; <see cref="Validate"/> names a bad value.</summary>
public sealed record RolloutOptions
{
    /// <summary>How long each service may take to become stable. Default 15 min; range 10 s to 6 h.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>The shortest and longest <see cref="Timeout"/> and <see cref="RollbackTimeout"/> (settings check it before anything runs).</summary>
    public static (TimeSpan Min, TimeSpan Max) TimeoutRange { get; } = (TimeSpan.FromSeconds(10), TimeSpan.FromHours(6));

    /// <summary>Roll every updated service back to its previous revision when any rollout fails or times out. Default true.</summary>
    public bool Rollback { get; init; } = true;

    /// <summary>How long the rollback itself may take to become stable. Default 15 min.</summary>
    public TimeSpan RollbackTimeout { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// How often each service is described: every 2 s for the first 10 s (a local
    /// rollout is that quick), then backing off ×1.5 to every 15 s, the AWS waiter's pace.
    /// </summary>
    public AdaptivePollingSchedule Polling { get; init; } = AdaptivePollingSchedule.Default with
    {
        QuickInterval = TimeSpan.FromSeconds(2),
        MaxInterval = TimeSpan.FromSeconds(15),
    };

    /// <summary><paramref name="options"/> or the defaults, validated.</summary>
    public static RolloutOptions Checked(RolloutOptions? options)
    {
        var checkedOptions = options ?? new RolloutOptions();
        checkedOptions.Validate();
        return checkedOptions;
    }

    public void Validate()
    {
        OptionRange.Check(Timeout, TimeoutRange, "Rollout", nameof(Timeout));
        OptionRange.Check(RollbackTimeout, TimeoutRange, "Rollout", nameof(RollbackTimeout));
        ArgumentNullException.ThrowIfNull(Polling);
        Polling.Validate();
    }
}
