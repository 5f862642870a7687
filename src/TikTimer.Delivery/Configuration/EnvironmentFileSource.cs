using System.Text.Json;

namespace TikTimer.Delivery.Configuration;

/// <summary>
/// <c>deploy/&lt;environment&gt;.json</c>: a flat object whose keys are the setting keys.
/// </summary>
internal static class EnvironmentFileSource
{
    public static IEnumerable<RawSetting> Read(string path, string displayPath, ICollection<SettingsProblem> problems)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(
                File.ReadAllText(path),
                new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException ex)
        {
            problems.Add(new("environment", $"{displayPath} is not valid JSON: line {ex.LineNumber + 1}, position {ex.BytePositionInLine + 1}: {FirstSentence(ex.Message)} Fix the file's syntax."));
            return [];
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                problems.Add(new("environment", $"{displayPath} must hold a JSON object of settings, e.g. {{ \"platform\": \"aws\" }}."));
                return [];
            }

            var settings = new List<RawSetting>();
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (property.Name.StartsWith('$') || property.Name.StartsWith("//", StringComparison.Ordinal))
                {
                    continue;
                }

                var definition = SettingCatalog.Find(property.Name);
                if (definition is null)
                {
                    var suggestion = SettingCatalog.Suggest(property.Name);
                    problems.Add(new(property.Name, $"{displayPath} has an unknown key \"{property.Name}\"."
                        + (suggestion is null ? " See README.md for the settings." : $" Did you mean \"{suggestion}\"?")));
                    continue;
                }

                var text = JsonValueText.From(property.Value);
                if (text is null)
                {
                    problems.Add(new(definition.Key, $"{displayPath}: \"{property.Name}\" must be a string, number, boolean or list of strings."));
                    continue;
                }

                settings.Add(new RawSetting(definition.Key, text, displayPath));
            }

            return settings;
        }
    }

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end < 0 ? message : message[..(end + 1)];
    }
}
