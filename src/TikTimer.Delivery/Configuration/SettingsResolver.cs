using System.Text.RegularExpressions;

namespace TikTimer.Delivery.Configuration;

/// <summary>
/// Resolves the run's settings once, highest precedence first: command line,
/// environment variables, deploy/&lt;environment&gt;.json, Terraform outputs,
/// built-in defaults. Every problem is collected and reported together.
/// </summary>
public static partial class SettingsResolver
{
    public const string LocalEnvironment = "local";

    public static ResolvedSettings Resolve(SettingsInputs inputs)
    {
        var problems = new List<SettingsProblem>();
        var arguments = new Dictionary<string, string>(inputs.Arguments, StringComparer.OrdinalIgnoreCase);
        var (environment, environmentSource) = TakeEnvironmentName(arguments, inputs, problems);

        var layers = new List<IReadOnlyList<RawSetting>>
        {
            CommandLineSource.Read(arguments, problems).ToList(),
            EnvironmentSource.Read(inputs.GetEnvironmentVariable).ToList(),
        };

        if (environment is not null)
        {
            var file = Path.Combine(inputs.RepositoryRoot, "deploy", environment + ".json");
            if (File.Exists(file))
            {
                layers.Add(EnvironmentFileSource.Read(file, $"deploy/{environment}.json", problems).ToList());
            }
            else if (environment != LocalEnvironment)
            {
                problems.Add(new("environment", UnknownEnvironment(environment, inputs.RepositoryRoot)));
            }
        }

        var merged = Merge(layers);
        layers.Add(ReadTerraform(merged, inputs, problems));
        merged = Merge(layers);

        var values = new SettingValues(merged, environment ?? LocalEnvironment, problems);
        // Every entry is parsed and checked, bound to a property or not: code reads the rest with settings.Get(entry).
        foreach (var definition in SettingCatalog.All)
        {
            definition.ReadInto(values);
        }

        var settings = SettingsBinder.Bind(values, environment ?? LocalEnvironment, inputs.RepositoryRoot) with
        {
            Values = values.Read,
            Sources = merged.Values.ToDictionary(r => r.Key, r => r.Source, StringComparer.OrdinalIgnoreCase),
        };

        // With an unknown environment, its platform's rules would only add noise.
        if (!problems.Any(p => p.Key == "environment"))
        {
            SettingsRules.Check(settings, values, DeliveryTasks.ToCheck(inputs.Tasks));
        }

        if (problems.Count > 0)
        {
            throw new SettingsException(problems);
        }

        var provenance = SettingCatalog.All
            .Select(d => merged.GetValueOrDefault(d.Key) ?? (d.Default is null ? null : new RawSetting(d.Key, d.Default, "default")))
            .OfType<RawSetting>()
            .Prepend(new RawSetting("environment", settings.Environment, environmentSource))
            .ToList();
        return new ResolvedSettings(settings, provenance);
    }

    private static (string? Name, string Source) TakeEnvironmentName(
        Dictionary<string, string> arguments,
        SettingsInputs inputs,
        List<SettingsProblem> problems)
    {
        arguments.Remove("environment", out var fromArguments);
        var fromVariable = inputs.GetEnvironmentVariable("TIKTIMER_ENVIRONMENT");
        var (name, source) = fromArguments is not null
            ? (fromArguments, "--environment")
            : !string.IsNullOrEmpty(fromVariable)
                ? (fromVariable, "environment variable TIKTIMER_ENVIRONMENT")
                : (LocalEnvironment, "default");
        if (!EnvironmentName().IsMatch(name))
        {
            problems.Add(new("environment", $"'{name}' is not a valid environment name: use lower-case letters, digits and '-', e.g. --environment=dev."));
            return (null, source);
        }

        return (name, source);
    }

    private static string UnknownEnvironment(string environment, string repositoryRoot)
    {
        var deploy = Path.Combine(repositoryRoot, "deploy");
        var known = Directory.Exists(deploy)
            ? Directory.GetFiles(deploy, "*.json").Select(f => Path.GetFileNameWithoutExtension(f)).Append(LocalEnvironment).Distinct().Order().AsEnumerable()
            : Enumerable.Repeat(LocalEnvironment, 1);
        return $"Unknown environment '{environment}': there is no deploy/{environment}.json. Known environments: {string.Join(", ", known)}. "
            + $"Create deploy/{environment}.json (start from deploy/dev.json.example) or fix --environment.";
    }

    private static List<RawSetting> ReadTerraform(
        Dictionary<string, RawSetting> merged,
        SettingsInputs inputs,
        List<SettingsProblem> problems)
    {
        var result = new List<RawSetting>();
        if (merged.TryGetValue("terraform-outputs", out var file))
        {
            result.AddRange(TerraformOutputSource.ReadFile(Path.GetFullPath(file.Value, inputs.RepositoryRoot), problems));
        }

        if (merged.TryGetValue("terraform-dir", out var directory))
        {
            result.AddRange(TerraformOutputSource.ReadDirectory(Path.GetFullPath(directory.Value, inputs.RepositoryRoot), inputs.RunTerraformOutput, problems));
        }

        return result;
    }

    private static Dictionary<string, RawSetting> Merge(List<IReadOnlyList<RawSetting>> layers)
    {
        var merged = new Dictionary<string, RawSetting>(StringComparer.OrdinalIgnoreCase);
        foreach (var layer in layers)
        {
            foreach (var setting in layer)
            {
                merged.TryAdd(setting.Key, setting);
            }
        }

        return merged;
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,62}$")]
    private static partial Regex EnvironmentName();
}
