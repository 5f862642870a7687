using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace TikTimer.Delivery.Aws.Ecs;

/// <summary>
/// The RegisterTaskDefinition body, kept as JSON so that no member of a definition is lost
/// on its way to a new revision. Build it with <see cref="TaskDefinitionRevision"/> or from JSON.
/// </summary>
[JsonConverter(typeof(RegisterTaskDefinitionRequestJsonConverter))]
public sealed class RegisterTaskDefinitionRequest
{
    public RegisterTaskDefinitionRequest(JsonObject json)
    {
        Json = json;
    }

    public JsonObject Json { get; }

    public string? Family => Json.String("family");

    public IReadOnlyList<ContainerDefinition> ContainerDefinitions =>
        Json["containerDefinitions"] is JsonArray containers ? [.. containers.OfType<JsonObject>().Select(c => new ContainerDefinition(c))] : [];

    public IReadOnlyList<Tag> Tags =>
        Json["tags"] is JsonArray tags
            ? [.. tags.OfType<JsonObject>().Select(t => new Tag(t.String("key") ?? string.Empty, t.String("value") ?? string.Empty))]
            : [];

    public static RegisterTaskDefinitionRequest Parse(string json) =>
        new(JsonNode.Parse(json) as JsonObject ?? throw new ArgumentException("The request must be a JSON object.", nameof(json)));
}

public sealed record RegisterTaskDefinitionResponse
{
    public required TaskDefinition TaskDefinition { get; init; }

    public IReadOnlyList<Tag> Tags { get; init; } = [];
}

internal sealed class RegisterTaskDefinitionRequestJsonConverter : JsonConverter<RegisterTaskDefinitionRequest>
{
    public override RegisterTaskDefinitionRequest Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        new(JsonNode.Parse(ref reader) as JsonObject ?? throw new JsonException("Not a JSON object."));

    public override void Write(Utf8JsonWriter writer, RegisterTaskDefinitionRequest value, JsonSerializerOptions options) =>
        value.Json.WriteTo(writer, options);
}
