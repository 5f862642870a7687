namespace TikTimer.Delivery.Configuration;

/// <summary>
/// One setting: its canonical key (also the <c>--key</c> and the key in
/// <c>deploy/&lt;environment&gt;.json</c>), where else it can come from, and its default.
/// </summary>
public sealed record SettingDefinition(
    string Key,
    SettingKind Kind,
    string Description,
    string? Default = null,
    bool IsSecret = false,
    IReadOnlyList<string>? ExtraEnvironmentVariables = null,
    IReadOnlyList<string>? TerraformOutputs = null)
{
    public const string EnvironmentPrefix = "TIKTIMER_";

    /// <summary>The prefixed variable first, then the names the team already uses (e.g. APP_SUBNET_IDS).</summary>
    public IReadOnlyList<string> EnvironmentVariables =>
        [EnvironmentPrefix + Key.ToUpperInvariant().Replace('-', '_'), .. ExtraEnvironmentVariables ?? []];

    public string WhereToSet(string environmentFile) =>
        $"--{Key}=..., {string.Join(" or ", EnvironmentVariables)}, or \"{Key}\" in {environmentFile}";
}
