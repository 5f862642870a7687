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

    /// <summary>The endpoint that must answer 200 with <c>"status": "healthy"</c>. Default <c>/health</c>.</summary>
    public string HealthPath { get; init; } = SmokeCheck.Health.Path;

    /// <summary>The version the service must report, checked on every attempt. Default none.</summary>
    public VersionCheck? Version { get; init; }

    /// <summary>Health, then / (2xx), then the version, then the extras. A version reported at / is checked by that one request.</summary>
    internal IReadOnlyList<SmokeCheck> AllChecks
    {
        get
        {
            var atRoot = Version?.Path == SmokeCheck.Root.Path;
            var checks = new List<SmokeCheck> { SmokeCheck.HealthAt(HealthPath), atRoot ? SmokeCheck.Root with { Version = Version } : SmokeCheck.Root };
            if (Version is not null && !atRoot)
            {
                checks.Add(new SmokeCheck(Version.Path, Version: Version));
            }

            checks.AddRange(ExtraChecks);
            return checks;
        }
    }

    public void Validate()
    {
        const string Owner = "Smoke test";
        OptionRange.Check(Timeout, TimeoutRange, Owner, nameof(Timeout));
        OptionRange.Check(InitialDelay, TimeSpan.FromMilliseconds(10), TimeSpan.FromMinutes(5), Owner, nameof(InitialDelay));
        OptionRange.Check(MaxDelay, InitialDelay, TimeSpan.FromMinutes(5), Owner, nameof(MaxDelay));
        OptionRange.Check(RequestTimeout, TimeSpan.FromMilliseconds(100), TimeSpan.FromMinutes(5), Owner, nameof(RequestTimeout));
        OptionRange.Require(HealthPath.StartsWith('/'), HealthPath, Owner, nameof(HealthPath), "must start with '/'");
        OptionRange.Require(
            Version is null || (Version.Path.StartsWith('/') && !string.IsNullOrWhiteSpace(Version.Field) && !string.IsNullOrWhiteSpace(Version.Expected)),
            Version,
            Owner,
            nameof(Version),
            "needs a path starting with '/', a field and the expected version");
        foreach (var check in ExtraChecks)
        {
            OptionRange.Require(check.IsValid, check, Owner, nameof(ExtraChecks), SmokeCheck.Rule);
        }
    }
}
