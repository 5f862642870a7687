namespace TikTimer.Delivery.Configuration;

/// <summary>An extra smoke-test request: GET <see cref="Path"/> must answer <see cref="ExpectedStatus"/>.</summary>
public sealed record SmokeCheck(string Path, int ExpectedStatus);
