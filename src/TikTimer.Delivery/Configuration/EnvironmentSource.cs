namespace TikTimer.Delivery.Configuration;

/// <summary>Settings from environment variables: TIKTIMER_* first, then the team's existing names.</summary>
internal static class EnvironmentSource
{
    public static IEnumerable<RawSetting> Read(Func<string, string?> getVariable)
    {
        foreach (var definition in SettingCatalog.All)
        {
            foreach (var name in definition.EnvironmentVariables)
            {
                var value = getVariable(name);
                if (!string.IsNullOrEmpty(value))
                {
                    yield return new RawSetting(definition.Key, value, $"environment variable {name}");
                    break;
                }
            }
        }
    }
}
