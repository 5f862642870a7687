using System.Diagnostics.CodeAnalysis;
using System.Globalization;

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

    /// <summary>What a configured check must look like; checked here only, for settings and for options.</summary>
    public const string Rule = "needs a path starting with '/' and a status between 100 and 599";

    public bool IsValid => Path.StartsWith('/') && ExpectedStatus is null or (>= 100 and <= 599);

    /// <summary>Reads <c>PATH=STATUS</c>, e.g. <c>/metrics=200</c>; false when it is not that or breaks <see cref="Rule"/>.</summary>
    public static bool TryParse(string text, [NotNullWhen(true)] out SmokeCheck? check)
    {
        ArgumentNullException.ThrowIfNull(text);
        var separator = text.LastIndexOf('=');
        check = separator > 0 && int.TryParse(text[(separator + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var status)
            ? new SmokeCheck(text[..separator], status)
            : null;
        if (check is { IsValid: false })
        {
            check = null;
        }

        return check is not null;
    }

    public override string ToString() => $"GET {Path}";
}
