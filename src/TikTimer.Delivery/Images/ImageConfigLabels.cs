using System.Text.Json;

namespace TikTimer.Delivery.Images;

/// <summary>The labels of an image config blob (<c>config.Labels</c>), as a registry stores it.</summary>
public static class ImageConfigLabels
{
    public static IReadOnlyDictionary<string, string> Parse(ReadOnlySpan<byte> config)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        try
        {
            using var document = JsonDocument.Parse(config.ToArray());
            if (document.RootElement.TryGetProperty("config", out var inner)
                && inner.ValueKind == JsonValueKind.Object
                && inner.TryGetProperty("Labels", out var found)
                && found.ValueKind == JsonValueKind.Object)
            {
                foreach (var label in found.EnumerateObject())
                {
                    labels[label.Name] = label.Value.GetString() ?? string.Empty;
                }
            }
        }
        catch (JsonException)
        {
        }

        return labels;
    }
}
