using System.Text.Json;

namespace TikTimer.Delivery.Configuration;

/// <summary>Turns a JSON value from a config file into the setting's text form.</summary>
internal static class JsonValueText
{
    public static string? From(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Number => value.GetRawText(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Array => string.Join(",", value.EnumerateArray().Select(e => From(e) ?? string.Empty)),
        _ => null,
    };
}
