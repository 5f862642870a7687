namespace TikTimer.Delivery.Rollout;

/// <summary>How one wait for a rollout ended: stable, failed, or out of time (then <see cref="TimedOut"/>).</summary>
public sealed record RolloutOutcome(RolloutHandle Rollout, RolloutVerdict Verdict, bool TimedOut, TimeSpan Elapsed)
{
    public bool IsStable => !TimedOut && Verdict.Progress == RolloutProgress.Stable;
}
