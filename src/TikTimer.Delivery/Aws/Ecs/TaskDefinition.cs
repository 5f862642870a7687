using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace TikTimer.Delivery.Aws.Ecs;

/// <summary>
/// A task definition as ECS returned it, kept whole in <see cref="Json"/> so that a new
/// revision can carry every member (including ones added to ECS after this code was
/// written); the properties are typed views of the members the pipeline reads.
/// </summary>
[JsonConverter(typeof(TaskDefinitionJsonConverter))]
public sealed class TaskDefinition
{
    public TaskDefinition(JsonObject json)
    {
        Json = json;
    }

    /// <summary>The definition exactly as received (nulls removed).</summary>
    public JsonObject Json { get; }

    public string? TaskDefinitionArn => Json.String("taskDefinitionArn");

    public string? Family => Json.String("family");

    public int? Revision => Json["revision"] is JsonValue v && v.TryGetValue<int>(out var revision) ? revision : null;

    /// <summary>ACTIVE, INACTIVE or DELETE_IN_PROGRESS.</summary>
    public string? Status => Json.String("status");

    public string? TaskRoleArn => Json.String("taskRoleArn");

    public string? ExecutionRoleArn => Json.String("executionRoleArn");

    public string? NetworkMode => Json.String("networkMode");

    public string? Cpu => Json.String("cpu");

    public string? Memory => Json.String("memory");

    public IReadOnlyList<ContainerDefinition> ContainerDefinitions =>
        Json["containerDefinitions"] is JsonArray containers
            ? [.. containers.OfType<JsonObject>().Select(c => new ContainerDefinition(c))]
            : [];

    /// <summary>The container of that name, or null.</summary>
    public ContainerDefinition? Container(string name) =>
        ContainerDefinitions.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.Ordinal));

    public static TaskDefinition Parse(string json) =>
        new(JsonNode.Parse(json) as JsonObject ?? throw new ArgumentException("A task definition must be a JSON object.", nameof(json)));

    public override string ToString() => TaskDefinitionArn ?? $"{Family}:{Revision}";
}

internal sealed class TaskDefinitionJsonConverter : JsonConverter<TaskDefinition>
{
    public override TaskDefinition Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        new(JsonNode.Parse(ref reader) as JsonObject ?? throw new JsonException("taskDefinition is not a JSON object."));

    public override void Write(Utf8JsonWriter writer, TaskDefinition value, JsonSerializerOptions options) =>
        value.Json.WriteTo(writer, options);
}

internal static class JsonObjectExtensions
{
    public static string? String(this JsonObject json, string name) =>
        json[name] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
}
