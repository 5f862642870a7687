using TikTimer.Delivery.Validation;

namespace TikTimer.Delivery.Smoke;

/// <summary>How <see cref="SmokeTester"/> checks the live service. Defaults documented; <see cref="Validate"/> names a bad value.</summary>
public sealed record SmokeOptions
{
    /// <summary>
    /// How long to keep retrying before the smoke test fails. Default 2 min: a new
    /// target takes a while to pass the load balancer's health checks.
    /// </summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>The shortest and longest <see cref="Timeout"/> (settings check it before anything runs).</summary>
    public static (TimeSpan Min, TimeSpan Max) TimeoutRange { get; } = (TimeSpan.FromMilliseconds(100), TimeSpan.FromHours(1));

    /// <summary>Wait after the first failed attempt. Default 1 s; doubled each time up to <see cref="MaxDelay"/>.</summary>
    public TimeSpan InitialDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest wait between attempts. Default 10 s.</summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long one request may take. Default 10 s.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Checks run after /health and /, e.g. <c>new SmokeCheck("/api/timers", 401)</c>. Default none.</summary>
    public IReadOnlyList<SmokeCheck> ExtraChecks { get; init; } = [];

    internal IReadOnlyList<SmokeCheck> AllChecks => [SmokeCheck.Health, SmokeCheck.Root, .. ExtraChecks];

    public void Validate()
    {
        const string Owner = "Smoke test";
        OptionRange.Check(Timeout, TimeoutRange, Owner, nameof(Timeout));
        OptionRange.Check(InitialDelay, TimeSpan.FromMilliseconds(10), TimeSpan.FromMinutes(5), Owner, nameof(InitialDelay));
        OptionRange.Check(MaxDelay, InitialDelay, TimeSpan.FromMinutes(5), Owner, nameof(MaxDelay));
        OptionRange.Check(RequestTimeout, TimeSpan.FromMilliseconds(100), TimeSpan.FromMinutes(5), Owner, nameof(RequestTimeout));
        foreach (var check in ExtraChecks)
        {
            OptionRange.Require(check.IsValid, check, Owner, nameof(ExtraChecks), SmokeCheck.Rule);
        }
    }
}
