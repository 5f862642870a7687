namespace TikTimer.Delivery.Smoke;

/// <summary>
/// One request the live service must answer correctly.
/// </summary>
/// <param name="Path">Relative to the base URL, starting with '/'.</param>
/// <param name="ExpectedStatus">The exact status wanted; null accepts any 2xx.</param>
/// <param name="ExpectHealthyJson">The body must be JSON with <c>"status": "healthy"</c>.</param>
/// <param name="Version">The body must report this version; null checks none.</param>
public sealed record SmokeCheck(string Path, int? ExpectedStatus = null, bool ExpectHealthyJson = false, VersionCheck? Version = null)
{
    /// <summary>GET /health answers 200 with <c>{"status":"healthy", ...}</c>.</summary>
    public static SmokeCheck Health { get; } = HealthAt("/health");

    /// <summary>The health endpoint at another path (the <c>health-path</c> setting).</summary>
    public static SmokeCheck HealthAt(string path) => new(path, 200, ExpectHealthyJson: true);

    /// <summary>GET / answers 2xx.</summary>
    public static SmokeCheck Root { get; } = new("/");

    public override string ToString() => $"GET {Path}";
}
