namespace TikTimer.Delivery.Smoke;

/// <summary>Every check passed, on attempt <see cref="Attempts"/>.</summary>
public sealed record SmokeResult(Uri BaseUrl, int Attempts, TimeSpan Elapsed);
