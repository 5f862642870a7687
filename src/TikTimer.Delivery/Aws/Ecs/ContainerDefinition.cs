using System.Text.Json.Nodes;

namespace TikTimer.Delivery.Aws.Ecs;

/// <summary>A typed view of one container definition inside a task definition's JSON.</summary>
public sealed class ContainerDefinition(JsonObject json)
{
    public JsonObject Json { get; } = json;

    public string? Name => Json.String("name");

    public string? Image => Json.String("image");

    public bool? Essential => Json["essential"] is JsonValue v && v.TryGetValue<bool>(out var essential) ? essential : null;

    public IReadOnlyList<string> Command =>
        Json["command"] is JsonArray command ? [.. command.OfType<JsonValue>().Select(v => v.ToString())] : [];

    public LogConfiguration? LogConfiguration =>
        Json["logConfiguration"] is JsonObject log && log.String("logDriver") is { } driver
            ? new LogConfiguration(
                driver,
                log["options"] is JsonObject options
                    ? options.Where(o => o.Value is JsonValue).ToDictionary(o => o.Key, o => o.Value!.ToString(), StringComparer.Ordinal)
                    : new Dictionary<string, string>(StringComparer.Ordinal))
            : null;
}

/// <summary>A container's log driver and its options.</summary>
public sealed record LogConfiguration(string LogDriver, IReadOnlyDictionary<string, string> Options)
{
    /// <summary>True for the awslogs driver, whose streams are named PREFIX/CONTAINER/TASK_ID.</summary>
    public bool IsAwsLogs => string.Equals(LogDriver, "awslogs", StringComparison.Ordinal);

    public string? AwsLogsGroup => Options.GetValueOrDefault("awslogs-group");

    public string? AwsLogsRegion => Options.GetValueOrDefault("awslogs-region");

    public string? AwsLogsStreamPrefix => Options.GetValueOrDefault("awslogs-stream-prefix");
}
