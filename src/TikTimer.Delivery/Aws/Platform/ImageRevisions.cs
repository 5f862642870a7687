using TikTimer.Delivery.Aws.Ecs;
using TikTimer.Delivery.Reporting;

namespace TikTimer.Delivery.Aws.Platform;

/// <summary>
/// Registers "the current revision with one container's image swapped", shared by the
/// migration task and the service rollout so both follow the infrastructure code exactly.
/// </summary>
internal static class ImageRevisions
{
    public static async Task<TaskDefinition> RegisterAsync(
        IEcsApi ecs,
        IDeliveryLog log,
        DescribeTaskDefinitionResponse current,
        string containerName,
        string image,
        CancellationToken cancellationToken)
    {
        // A re-run with the same image would only add an identical revision; the current one is it.
        if (string.Equals(current.TaskDefinition.Container(containerName)?.Image, image, StringComparison.Ordinal))
        {
            log.Information($"Task definition {Name(current.TaskDefinition)} already runs {image} in container '{containerName}'; using it.");
            return current.TaskDefinition;
        }

        var request = TaskDefinitionRevision.WithContainerImage(current, containerName, image);
        var registered = await ecs.RegisterTaskDefinitionAsync(request, cancellationToken).ConfigureAwait(false);
        log.Information($"Registered {Name(registered.TaskDefinition)} (image {image} in container '{containerName}', otherwise as {Name(current.TaskDefinition)}).");
        return registered.TaskDefinition;
    }

    /// <summary>family:revision, what people recognise.</summary>
    public static string Name(TaskDefinition definition) =>
        definition.Family is not null && definition.Revision is not null
            ? $"{definition.Family}:{definition.Revision}"
            : definition.ToString();

    /// <summary>family:revision from a task-definition ARN (arn:aws:ecs:r:a:task-definition/family:rev).</summary>
    public static string NameFromArn(string arn) => arn[(arn.LastIndexOf('/') + 1)..];
}
