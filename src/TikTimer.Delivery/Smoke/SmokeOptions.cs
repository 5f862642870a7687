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
        InRange(Timeout, TimeoutRange.Min, TimeoutRange.Max, nameof(Timeout));
        InRange(InitialDelay, TimeSpan.FromMilliseconds(10), TimeSpan.FromMinutes(5), nameof(InitialDelay));
        InRange(MaxDelay, InitialDelay, TimeSpan.FromMinutes(5), nameof(MaxDelay));
        InRange(RequestTimeout, TimeSpan.FromMilliseconds(100), TimeSpan.FromMinutes(5), nameof(RequestTimeout));
        if (!HealthPath.StartsWith('/'))
        {
            throw new ArgumentOutOfRangeException(nameof(HealthPath), HealthPath, "The health path must start with '/'.");
        }

        if (Version is not null && (!Version.Path.StartsWith('/') || string.IsNullOrWhiteSpace(Version.Field) || string.IsNullOrWhiteSpace(Version.Expected)))
        {
            throw new ArgumentOutOfRangeException(nameof(Version), Version, "A version check needs a path starting with '/', a field and the expected version.");
        }

        foreach (var check in ExtraChecks)
        {
            if (!check.Path.StartsWith('/') || check.ExpectedStatus is < 100 or > 599)
            {
                throw new ArgumentOutOfRangeException(nameof(ExtraChecks), check, "Smoke checks need a path starting with '/' and a status between 100 and 599.");
            }
        }
    }

    private static void InRange(TimeSpan value, TimeSpan min, TimeSpan max, string name)
    {
        if (value < min || value > max)
        {
            throw new ArgumentOutOfRangeException(name, value, $"Smoke test {name} must be between {min} and {max}.");
        }
    }
}
