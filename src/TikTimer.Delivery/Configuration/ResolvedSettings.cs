namespace TikTimer.Delivery.Configuration;

/// <summary>The settings, and for each key the value's text and where it came from.</summary>
public sealed record ResolvedSettings(DeliverySettings Settings, IReadOnlyList<RawSetting> Provenance)
{
    /// <summary>Secret settings whose value came from a command-line argument.</summary>
    public IEnumerable<SettingDefinition> SecretsFromCommandLine() =>
        Provenance
            .Where(p => p.Source.StartsWith("--", StringComparison.Ordinal))
            .Select(p => SettingCatalog.Find(p.Key))
            .OfType<SettingDefinition>()
            .Where(d => d.IsSecret);

    /// <summary>One line per setting, secrets masked, for --print-settings.</summary>
    public IEnumerable<string> Describe()
    {
        var width = SettingCatalog.All.Max(d => d.Key.Length);
        return Masked().Select(s => $"{s.Key.PadRight(width)}  {s.Value}  ({s.Source})");
    }

    /// <summary>Every setting's text and source, secrets masked (--print-settings, Plan).</summary>
    public IEnumerable<RawSetting> Masked() =>
        Provenance.Select(s => SettingCatalog.Find(s.Key)?.IsSecret == true ? s with { Value = Reporting.SecretRedactor.Mask } : s);
}
