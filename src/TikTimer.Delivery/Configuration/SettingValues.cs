namespace TikTimer.Delivery.Configuration;

/// <summary>
/// Typed reads of the merged settings. A bad value becomes a problem naming
/// the key, the value's source and where it can be set, and reads as the
/// default so binding can go on and report the rest.
/// </summary>
internal sealed class SettingValues(
    IReadOnlyDictionary<string, RawSetting> merged,
    string environment,
    ICollection<SettingsProblem> problems)
{
    private readonly HashSet<string> _reported = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Every typed value read so far, by key: what <see cref="DeliverySettings.Get{T}"/> answers from.</summary>
    public Dictionary<string, object?> Read { get; } = new(StringComparer.OrdinalIgnoreCase);

    public string EnvironmentFile => $"deploy/{environment}.json";

    /// <summary>The value's text and source, the default's when nothing set it.</summary>
    public RawSetting? Raw(string key) =>
        merged.GetValueOrDefault(key) is { } raw ? raw : DefaultOf(key);

    /// <summary>True when a source (not the default) gave the setting.</summary>
    public bool IsGiven(SettingDefinition setting) => merged.ContainsKey(setting.Key);

    public T Get<T>(Setting<T> setting)
    {
        if (Read.TryGetValue(setting.Key, out var known))
        {
            return (T)known!;
        }

        var value = FromDefault(setting);
        if (merged.GetValueOrDefault(setting.Key) is { } raw)
        {
            var parsed = setting.Parser.Parse(raw.Value);
            if (parsed.Succeeded)
            {
                value = parsed.Value;
            }
            else
            {
                Problem(setting.Key, raw, parsed.Error!);
            }
        }

        Read[setting.Key] = value;
        return value;
    }

    public void Problem(string key, RawSetting raw, string what)
    {
        if (!_reported.Add(key))
        {
            return;
        }

        var definition = SettingCatalog.Find(key);
        var shown = definition?.IsSecret == true ? Reporting.SecretRedactor.Mask : raw.Value;
        problems.Add(new(key, $"'{shown}' (from {raw.Source}) {what}. Set it with {definition?.WhereToSet(EnvironmentFile) ?? "--" + key}."));
    }

    public void Missing(string key, string why)
    {
        var definition = SettingCatalog.Find(key);
        problems.Add(new(key, $"is required {why}. Set it with {definition?.WhereToSet(EnvironmentFile) ?? "--" + key}."));
    }

    /// <summary>A value that parsed but is wrong together with other settings.</summary>
    public void Invalid(string key, string what)
    {
        if (Raw(key) is { } raw)
        {
            Problem(key, raw, what);
        }
        else
        {
            problems.Add(new(key, what));
        }
    }

    private static T FromDefault<T>(Setting<T> setting)
    {
        if (setting.Default is null)
        {
            return setting.Absent;
        }

        var parsed = setting.Parser.Parse(setting.Default);
        return parsed.Succeeded
            ? parsed.Value
            : throw new InvalidOperationException($"The catalog's default of {setting.Key}, '{setting.Default}', does not parse: {parsed.Error}.");
    }

    private static RawSetting? DefaultOf(string key) =>
        SettingCatalog.Find(key)?.Default is { } value ? new RawSetting(key, value, "default") : null;
}
