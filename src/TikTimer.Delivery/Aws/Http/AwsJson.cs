using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace TikTimer.Delivery.Aws.Http;

/// <summary>Serializer settings for the awsJson 1.1 bodies (camelCase members, absent = null).</summary>
internal static class AwsJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>
    /// AWS treats null and absent alike, and moto writes nulls where AWS omits members;
    /// dropping them lets response types keep non-null collections.
    /// </summary>
    public static JsonNode? WithoutNulls(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var key in obj.Where(p => p.Value is null).Select(p => p.Key).ToList())
                {
                    obj.Remove(key);
                }

                foreach (var property in obj)
                {
                    WithoutNulls(property.Value);
                }

                break;
            case JsonArray array:
                for (var i = array.Count - 1; i >= 0; i--)
                {
                    if (array[i] is null)
                    {
                        array.RemoveAt(i);
                    }
                    else
                    {
                        WithoutNulls(array[i]);
                    }
                }

                break;
        }

        return node;
    }
}
