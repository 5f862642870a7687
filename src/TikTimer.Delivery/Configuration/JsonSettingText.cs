using System.Text.Json;

namespace TikTimer.Delivery.Configuration;

/// <summary>
/// Turns a JSON value (environment file, Terraform output) into a setting's
/// text, refusing the JSON types the setting does not take: a number for a
/// list of services, an array for a text, a nested array, a quoted boolean.
/// </summary>
internal static class JsonSettingText
{
    /// <summary>The text, or null with <paramref name="error"/> set; null without an error means JSON null (not set).</summary>
    public static string? From(SettingDefinition setting, JsonElement value, out string? error)
    {
        error = null;
        var shape = setting.Json;
        switch (value.ValueKind)
        {
            case JsonValueKind.Null:
                return null;
            case JsonValueKind.String when shape.HasFlag(JsonShape.String):
                return value.GetString();
            case JsonValueKind.Number when shape.HasFlag(JsonShape.Number):
                return value.GetRawText();
            case JsonValueKind.True or JsonValueKind.False when shape.HasFlag(JsonShape.Boolean):
                return value.ValueKind == JsonValueKind.True ? "true" : "false";
            case JsonValueKind.Array when shape.HasFlag(JsonShape.Array):
                var bad = value.EnumerateArray().FirstOrDefault(item =>
                    item.ValueKind != JsonValueKind.String && !(item.ValueKind == JsonValueKind.Number && shape.HasFlag(JsonShape.Number)));
                if (bad.ValueKind != JsonValueKind.Undefined)
                {
                    error = $"is a list holding {Describe(bad, setting.IsSecret)}, but each item must be {(shape.HasFlag(JsonShape.Number) ? "a string or a number" : "a string")}; {Expected(shape)}";
                    return null;
                }

                return shape.HasFlag(JsonShape.ArrayAsJson)
                    ? value.GetRawText()
                    : string.Join(",", value.EnumerateArray().Select(i => i.ValueKind == JsonValueKind.String ? i.GetString() : i.GetRawText()));
            default:
                error = $"is {Describe(value, setting.IsSecret)}, but {setting.Key} takes: {setting.Form}; {Expected(shape)}";
                return null;
        }
    }

    // A secret's value is never quoted back, not even a wrong one.
    private static string Describe(JsonElement value, bool secret) => value.ValueKind switch
    {
        JsonValueKind.String when secret => "a string",
        JsonValueKind.Number when secret => "a number",
        JsonValueKind.String => $"a string (\"{Shorten(value.GetString() ?? string.Empty)}\")",
        JsonValueKind.Number => $"a number ({Shorten(value.GetRawText())})",
        JsonValueKind.True or JsonValueKind.False => $"a boolean ({value.GetRawText()})",
        JsonValueKind.Array => "a list",
        JsonValueKind.Object => "an object",
        _ => "a null",
    };

    private static string Expected(JsonShape shape)
    {
        var forms = new List<string>();
        if (shape.HasFlag(JsonShape.Boolean))
        {
            forms.Add("true or false, without quotes");
        }

        if (shape.HasFlag(JsonShape.String))
        {
            forms.Add("a string");
        }

        if (shape.HasFlag(JsonShape.Number))
        {
            forms.Add("a number");
        }

        if (shape.HasFlag(JsonShape.Array))
        {
            forms.Add(shape.HasFlag(JsonShape.Number) ? "a flat list, e.g. [18080, 18081]" : "a flat list of strings, e.g. [\"a\", \"b\"]");
        }

        return "write " + string.Join(" or ", forms);
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..37] + "...";
}
