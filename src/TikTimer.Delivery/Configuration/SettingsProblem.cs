namespace TikTimer.Delivery.Configuration;

/// <summary>One thing wrong with the configuration: which key, what, and how to fix it.</summary>
public sealed record SettingsProblem(string Key, string Message)
{
    public override string ToString() => $"{Key}: {Message}";
}
