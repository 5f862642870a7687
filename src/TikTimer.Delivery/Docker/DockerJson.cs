using System.Globalization;
using System.Text.Json;

namespace TikTimer.Delivery.Docker;

/// <summary>Reads the JSON that <c>--format '{{json .}}'</c> prints.</summary>
internal static class DockerJson
{
    public static DockerImage ParseImage(string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        return new DockerImage(
            root.GetProperty("Id").GetString() ?? string.Empty,
            Strings(root, "RepoTags"),
            Strings(root, "RepoDigests"),
            root.TryGetProperty("Config", out var config) ? Labels(config) : new Dictionary<string, string>());
    }

    public static DockerContainerState ParseContainerState(string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        var state = root.GetProperty("State");
        return new DockerContainerState(
            root.GetProperty("Id").GetString() ?? string.Empty,
            (root.GetProperty("Name").GetString() ?? string.Empty).TrimStart('/'),
            state.GetProperty("Status").GetString() ?? string.Empty,
            state.GetProperty("Running").GetBoolean(),
            state.GetProperty("ExitCode").GetInt32(),
            state.TryGetProperty("OOMKilled", out var oom) && oom.GetBoolean(),
            state.TryGetProperty("Error", out var error) ? error.GetString() ?? string.Empty : string.Empty,
            Instant(state, "StartedAt"),
            Instant(state, "FinishedAt"),
            root.TryGetProperty("Config", out var config) ? Labels(config) : new Dictionary<string, string>());
    }

    public static DockerContainer ParsePsLine(string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        string Text(string name) => root.TryGetProperty(name, out var value) ? value.GetString() ?? string.Empty : string.Empty;
        return new DockerContainer(Text("ID"), Text("Names"), Text("Image"), Text("State"), Text("Status"), ParseLabelList(Text("Labels")));
    }

    /// <summary><c>docker ps</c> prints labels as <c>a=b,c=d</c>.</summary>
    public static IReadOnlyDictionary<string, string> ParseLabelList(string labels)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in labels.Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0)
            {
                result[pair[..equals]] = pair[(equals + 1)..];
            }
        }

        return result;
    }

    private static string[] Strings(JsonElement root, string name) =>
        root.TryGetProperty(name, out var array) && array.ValueKind == JsonValueKind.Array
            ? [.. array.EnumerateArray().Select(e => e.GetString() ?? string.Empty)]
            : [];

    private static Dictionary<string, string> Labels(JsonElement config)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (config.TryGetProperty("Labels", out var labels) && labels.ValueKind == JsonValueKind.Object)
        {
            foreach (var label in labels.EnumerateObject())
            {
                result[label.Name] = label.Value.GetString() ?? string.Empty;
            }
        }

        return result;
    }

    // Docker reports "0001-01-01T00:00:00Z" for "never".
    private static DateTimeOffset? Instant(JsonElement state, string name)
    {
        if (!state.TryGetProperty(name, out var value)
            || !DateTimeOffset.TryParse(value.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant))
        {
            return null;
        }

        return instant.Year <= 1 ? null : instant;
    }
}
