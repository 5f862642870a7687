using TikTimer.Delivery.Aws.Ecs;

namespace TikTimer.Delivery.Aws.Platform;

/// <summary>Where the awslogs driver writes one container of one task: GROUP, PREFIX/CONTAINER/TASK_ID, in REGION.</summary>
internal sealed record AwsLogsLocation(string Group, string Stream, string? Region)
{
    /// <summary>The location, or a reason why the container's output is not in CloudWatch.</summary>
    public static (AwsLogsLocation? Location, string? Problem) Find(TaskDefinition definition, string containerName, string taskId)
    {
        var name = ImageRevisions.Name(definition);
        var container = definition.Container(containerName);
        if (container is null)
        {
            return (null, $"task definition {name} has no container '{containerName}'");
        }

        var log = container.LogConfiguration;
        if (log is null || !log.IsAwsLogs)
        {
            return (null, $"container '{containerName}' of {name} does not use the awslogs log driver (it uses {log?.LogDriver ?? "none"}); add an awslogs logConfiguration to see its output here");
        }

        if (string.IsNullOrEmpty(log.AwsLogsGroup) || string.IsNullOrEmpty(log.AwsLogsStreamPrefix))
        {
            return (null, $"container '{containerName}' of {name} sets no awslogs-group or awslogs-stream-prefix, so its stream cannot be named");
        }

        return (new AwsLogsLocation(log.AwsLogsGroup, $"{log.AwsLogsStreamPrefix}/{containerName}/{taskId}", log.AwsLogsRegion), null);
    }

    public override string ToString() => $"{Group}/{Stream}" + (Region is null ? string.Empty : $" ({Region})");
}
