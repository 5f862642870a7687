namespace TikTimer.Delivery.Configuration;

/// <summary>The settings, and for each key the value's text and where it came from.</summary>
public sealed record ResolvedSettings(DeliverySettings Settings, IReadOnlyList<RawSetting> Provenance)
{
    /// <summary>One line per setting, secrets masked, for --print-settings.</summary>
    public IEnumerable<string> Describe()
    {
        var width = SettingCatalog.All.Max(d => d.Key.Length);
        foreach (var setting in Provenance)
        {
            var definition = SettingCatalog.Find(setting.Key);
            var value = definition?.IsSecret == true ? Reporting.SecretRedactor.Mask : setting.Value;
            yield return $"{setting.Key.PadRight(width)}  {value}  ({setting.Source})";
        }
    }
}
