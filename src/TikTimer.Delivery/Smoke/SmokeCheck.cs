namespace TikTimer.Delivery.Smoke;

/// <summary>
/// One request the live service must answer correctly.
/// </summary>
/// <param name="Path">Relative to the base URL, starting with '/'.</param>
/// <param name="ExpectedStatus">The exact status wanted; null accepts any 2xx.</param>
/// <param name="ExpectHealthyJson">The body must be JSON with <c>"status": "healthy"</c>.</param>
public sealed record SmokeCheck(string Path, int? ExpectedStatus = null, bool ExpectHealthyJson = false)
{
    /// <summary>GET /health answers 200 with <c>{"status":"healthy", ...}</c>.</summary>
    public static SmokeCheck Health { get; } = new("/health", 200, ExpectHealthyJson: true);

    /// <summary>GET / answers 2xx.</summary>
    public static SmokeCheck Root { get; } = new("/");

    public override string ToString() => $"GET {Path}";
}
