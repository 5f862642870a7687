namespace TikTimer.Delivery.Configuration;

/// <summary>A setting's text as one source gave it, and which source that was.</summary>
public sealed record RawSetting(string Key, string Value, string Source);
