namespace TikTimer.Api.Configuration;

/// <summary>Everything the web service reads from its environment, resolved once at start.</summary>
public sealed record ServiceSettings(DatabaseSettings Database, string Version)
{
    public const string ServiceName = "tiktimer";
    public const string VersionVariable = "APP_VERSION";
    public const string DefaultVersion = "dev";

    public static ServiceSettings FromEnvironment(Func<string, string?> getVariable)
    {
        var version = getVariable(VersionVariable);
        return new ServiceSettings(
            DatabaseSettings.FromEnvironment(getVariable),
            string.IsNullOrWhiteSpace(version) ? DefaultVersion : version.Trim());
    }
}
