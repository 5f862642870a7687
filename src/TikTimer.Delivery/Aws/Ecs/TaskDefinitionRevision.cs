using System.Text.Json.Nodes;

namespace TikTimer.Delivery.Aws.Ecs;

/// <summary>
/// Builds the next revision of a task definition from the current one, changing nothing
/// but one container's image, so a deploy never drifts from what the infrastructure
/// code registered (roles, sizes, environment, secrets, logging, volumes, tags...).
/// </summary>
public static class TaskDefinitionRevision
{
    /// <summary>
    /// Members DescribeTaskDefinition returns that RegisterTaskDefinition rejects, because
    /// ECS sets them itself. Everything else is carried over, known or not.
    /// </summary>
    public static readonly IReadOnlySet<string> ReadOnlyMembers = new HashSet<string>(StringComparer.Ordinal)
    {
        "taskDefinitionArn", "revision", "status", "requiresAttributes", "compatibilities",
        "registeredAt", "registeredBy", "deregisteredAt", "deleteRequestedAt",
    };

    public static RegisterTaskDefinitionRequest WithContainerImage(DescribeTaskDefinitionResponse current, string containerName, string image)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentException.ThrowIfNullOrWhiteSpace(containerName);
        ArgumentException.ThrowIfNullOrWhiteSpace(image);

        var json = (JsonObject)current.TaskDefinition.Json.DeepClone();
        foreach (var member in ReadOnlyMembers)
        {
            json.Remove(member);
        }

        var containers = json["containerDefinitions"] as JsonArray ?? [];
        var container = containers.OfType<JsonObject>().FirstOrDefault(c => c.String("name") == containerName);
        if (container is null)
        {
            var names = containers.OfType<JsonObject>().Select(c => c.String("name")).Where(n => n is not null);
            throw new DeliveryException(
                $"Task definition '{current.TaskDefinition}' has no container named '{containerName}' "
                + $"(it has: {string.Join(", ", names.Select(n => $"'{n}'"))}). Set the container name to one of these.");
        }

        container["image"] = image;

        // Tags come back beside the definition, not in it; aws: tags belong to AWS and may not be set.
        var tags = current.Tags.Where(t => !t.Key.StartsWith("aws:", StringComparison.Ordinal)).ToList();
        json.Remove("tags");
        if (tags.Count > 0)
        {
            json["tags"] = new JsonArray([.. tags.Select(t => (JsonNode)new JsonObject { ["key"] = t.Key, ["value"] = t.Value })]);
        }

        return new RegisterTaskDefinitionRequest(json);
    }
}
