namespace TikTimer.Delivery.Configuration;

/// <summary>
/// Typed reads of the merged settings. A bad value becomes a problem naming
/// the key, the value's source and where it can be set, and reads as null so
/// binding can go on and report the rest.
/// </summary>
internal sealed class SettingValues(
    IReadOnlyDictionary<string, RawSetting> merged,
    string environment,
    ICollection<SettingsProblem> problems)
{
    public string EnvironmentFile => $"deploy/{environment}.json";

    public RawSetting? Raw(string key) =>
        merged.GetValueOrDefault(key) is { } raw ? raw : DefaultOf(key);

    public string? Text(string key) => Raw(key)?.Value is { Length: > 0 } value ? value.Trim() : null;

    public bool Boolean(string key)
    {
        var raw = Raw(key);
        if (raw is null)
        {
            return false;
        }

        if (ValueParsers.Boolean(raw.Value) is { } value)
        {
            return value;
        }

        Problem(key, raw, "is not a boolean; use true or false");
        return false;
    }

    public TimeSpan? Duration(string key, (TimeSpan Min, TimeSpan Max) range)
    {
        var raw = Raw(key);
        if (raw is null)
        {
            return null;
        }

        var value = ValueParsers.Duration(raw.Value);
        if (value is null || value <= TimeSpan.Zero)
        {
            Problem(key, raw, "is not a positive duration; use e.g. 90s, 10m, 1h30m or 00:10:00");
            return null;
        }

        if (value < range.Min || value > range.Max)
        {
            Problem(key, raw, $"is outside the range this step supports, {Reporting.DurationText.Format(range.Min)} to {Reporting.DurationText.Format(range.Max)}");
            return null;
        }

        return value;
    }

    public IReadOnlyList<string> List(string key)
    {
        var raw = Raw(key);
        if (raw is null)
        {
            return [];
        }

        var items = ValueParsers.List(raw.Value, out var error);
        if (items is null)
        {
            Problem(key, raw, $"is not a valid comma-separated list ({error}); write e.g. a,b,c with no empty items");
            return [];
        }

        return items;
    }

    public Uri? Url(string key)
    {
        var raw = Raw(key);
        if (raw is null || raw.Value.Length == 0)
        {
            return null;
        }

        var url = ValueParsers.Url(raw.Value);
        if (url is null)
        {
            Problem(key, raw, "is not an http(s) URL or host name");
        }

        return url;
    }

    public IReadOnlyList<string>? Command(string key)
    {
        var raw = Raw(key);
        if (raw is null || raw.Value.Trim().Length == 0)
        {
            return null;
        }

        var command = ValueParsers.Command(raw.Value, out var error);
        if (command is null)
        {
            Problem(key, raw, $"is not a valid command ({error}); write e.g. migrate or [\"migrate\",\"--verbose\"]");
        }

        return command;
    }

    public void Problem(string key, RawSetting raw, string what)
    {
        var definition = SettingCatalog.Find(key);
        var shown = definition?.IsSecret == true ? Reporting.SecretRedactor.Mask : raw.Value;
        problems.Add(new(key, $"'{shown}' (from {raw.Source}) {what}. Set it with {definition?.WhereToSet(EnvironmentFile) ?? "--" + key}."));
    }

    public void Missing(string key, string why)
    {
        var definition = SettingCatalog.Find(key);
        problems.Add(new(key, $"is required {why}. Set it with {definition?.WhereToSet(EnvironmentFile) ?? "--" + key}."));
    }

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

    private static RawSetting? DefaultOf(string key) =>
        SettingCatalog.Find(key)?.Default is { } value ? new RawSetting(key, value, "default") : null;
}
