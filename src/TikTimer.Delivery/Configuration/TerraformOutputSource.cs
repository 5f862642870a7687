using System.Text.Json;
using TikTimer.Delivery.Processes;

namespace TikTimer.Delivery.Configuration;

/// <summary>
/// Settings taken from <c>terraform output -json</c> (a file, or a directory
/// to run it in), so CI does not copy infrastructure ids by hand.
/// </summary>
internal static class TerraformOutputSource
{
    public static IEnumerable<RawSetting> ReadFile(string path, ICollection<SettingsProblem> problems)
    {
        if (!File.Exists(path))
        {
            problems.Add(new("terraform-outputs", $"File '{path}' does not exist. Write it with 'terraform output -json > {Path.GetFileName(path)}' or fix --terraform-outputs."));
            return [];
        }

        return Parse(File.ReadAllText(path), $"Terraform outputs file '{path}'", "terraform-outputs", problems);
    }

    public static IEnumerable<RawSetting> ReadDirectory(
        string directory,
        Func<string, string> runTerraformOutput,
        ICollection<SettingsProblem> problems)
    {
        if (!Directory.Exists(directory))
        {
            problems.Add(new("terraform-dir", $"Directory '{directory}' does not exist. Point --terraform-dir at the Terraform root module."));
            return [];
        }

        string json;
        try
        {
            json = runTerraformOutput(directory);
        }
        catch (DeliveryException ex)
        {
            problems.Add(new("terraform-dir", $"'terraform output -json' failed in '{directory}': {ex.Message}. Run 'terraform init' there, or give the JSON as a file with --terraform-outputs."));
            return [];
        }

        return Parse(json, $"'terraform output -json' in '{directory}'", "terraform-dir", problems);
    }

    public static string RunTerraformOutput(string directory)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        var spec = new ProcessSpec("terraform", ["output", "-json"]) { WorkingDirectory = directory, Step = "Settings" };
        try
        {
            // Settings are resolved in the host's synchronous constructor, before any task.
            return new ProcessRunner().RunAsync(spec, timeout.Token).GetAwaiter().GetResult().Output;
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            throw new DeliveryException("terraform did not answer within 1 minute");
        }
    }

    private static List<RawSetting> Parse(string json, string description, string key, ICollection<SettingsProblem> problems)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException ex)
        {
            problems.Add(new(key, $"{description} is not valid JSON (line {ex.LineNumber + 1}, position {ex.BytePositionInLine + 1}). Produce it with 'terraform output -json'."));
            return [];
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                problems.Add(new(key, $"{description} must be the JSON object printed by 'terraform output -json'."));
                return [];
            }

            var outputs = document.RootElement;
            var settings = new List<RawSetting>();
            foreach (var definition in SettingCatalog.All)
            {
                foreach (var output in definition.TerraformOutputs)
                {
                    if (!outputs.TryGetProperty(output, out var entry) ||
                        entry.ValueKind != JsonValueKind.Object ||
                        !entry.TryGetProperty("value", out var value))
                    {
                        continue;
                    }

                    var text = JsonSettingText.From(definition, value, out var error);
                    if (error is not null)
                    {
                        problems.Add(new(definition.Key, $"{description}: output {output} {error}. Fix the output in infra/, or set {definition.Key} yourself."));
                    }
                    else if (text is not null)
                    {
                        settings.Add(new RawSetting(definition.Key, text, $"terraform output {output}"));
                    }

                    break;
                }
            }

            return settings;
        }
    }
}
