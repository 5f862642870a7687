using System.Text;
using System.Text.Json;

namespace TikTimer.Delivery.Configuration;

/// <summary>
/// <c>deploy/&lt;environment&gt;.json</c>: a flat object whose keys are the
/// setting keys. Problems name the file and line: an unknown or duplicate key,
/// or a value of a JSON type the setting does not take.
/// </summary>
internal static class EnvironmentFileSource
{
    private static readonly JsonDocumentOptions Options = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    public static IEnumerable<RawSetting> Read(string path, string displayPath, ICollection<SettingsProblem> problems)
    {
        var bytes = File.ReadAllBytes(path);
        var json = bytes.AsSpan().StartsWith(Encoding.UTF8.Preamble) ? bytes[Encoding.UTF8.Preamble.Length..] : bytes;
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, Options);
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

            var lines = PropertyLines(json);
            var settings = new List<RawSetting>();
            var seen = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
            var index = 0;
            foreach (var property in document.RootElement.EnumerateObject())
            {
                var line = index < lines.Count ? lines[index] : 0;
                index++;
                var at = $"{displayPath} line {line}";
                if (property.Name.StartsWith('$') || property.Name.StartsWith("//", StringComparison.Ordinal))
                {
                    continue;
                }

                var definition = SettingCatalog.Find(property.Name);
                if (definition is null)
                {
                    var suggestion = SettingCatalog.Suggest(property.Name);
                    problems.Add(new(property.Name, $"{at} has an unknown key \"{property.Name}\"."
                        + (suggestion is null ? " Run './build.sh --help' for the settings." : $" Did you mean \"{suggestion}\"?")));
                    continue;
                }

                // JSON lets a key repeat and readers disagree on which one wins; a typo'd copy must not silently lose.
                if (!seen.TryAdd(definition.Key, line))
                {
                    problems.Add(new(definition.Key, $"{at} sets \"{property.Name}\" again (first set on line {seen[definition.Key]}). Keep one of them."));
                    continue;
                }

                var text = JsonSettingText.From(definition, property.Value, out var error);
                if (error is not null)
                {
                    problems.Add(new(definition.Key, $"{at}: \"{property.Name}\" {error}."));
                    continue;
                }

                if (text is not null)
                {
                    settings.Add(new RawSetting(definition.Key, text, at));
                }
            }

            return settings;
        }
    }

    /// <summary>The 1-based line of each top-level property, in document order.</summary>
    private static List<int> PropertyLines(ReadOnlySpan<byte> json)
    {
        var lines = new List<int>();
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var line = 1;
        var counted = 0;
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == 1)
            {
                var start = (int)reader.TokenStartIndex;
                line += json[counted..start].Count((byte)'\n');
                counted = start;
                lines.Add(line);
                reader.Skip();
            }
        }

        return lines;
    }

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end < 0 ? message : message[..(end + 1)];
    }
}
