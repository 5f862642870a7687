namespace TikTimer.Delivery.Configuration;

/// <summary>Settings given as <c>--key=value</c>; an unknown key is a problem, with a hint.</summary>
internal static class CommandLineSource
{
    public static IEnumerable<RawSetting> Read(
        IReadOnlyDictionary<string, string> arguments,
        ICollection<SettingsProblem> problems)
    {
        foreach (var (key, value) in arguments)
        {
            var definition = SettingCatalog.Find(key);
            if (definition is null)
            {
                var suggestion = SettingCatalog.Suggest(key);
                problems.Add(new(key, $"'--{key}' is not a known option."
                    + (suggestion is null ? " Run './build.sh --help' and see README.md for the settings." : $" Did you mean '--{suggestion}'?")));
                continue;
            }

            yield return new RawSetting(definition.Key, value, $"--{definition.Key}");
        }
    }
}
