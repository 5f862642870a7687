using System.Text.Json;
using System.Text.Json.Serialization;

namespace TikTimer.Delivery.Plan;

/// <summary>The plan for scripts (<c>--format=json</c>): <see cref="DeliveryPlan"/> as System.Text.Json writes it, enums as camelCase names.</summary>
public static class DeliveryPlanJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static string Serialize(DeliveryPlan plan) => JsonSerializer.Serialize(plan, Options);

    public static DeliveryPlan? Deserialize(string json) => JsonSerializer.Deserialize<DeliveryPlan>(json, Options);
}
