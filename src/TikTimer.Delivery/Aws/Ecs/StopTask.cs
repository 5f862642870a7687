namespace TikTimer.Delivery.Aws.Ecs;

public sealed record StopTaskRequest(string Cluster, string Task)
{
    /// <summary>Shown as the task's stoppedReason; up to 255 characters.</summary>
    public string? Reason { get; init; }
}

public sealed record StopTaskResponse
{
    public EcsTask? Task { get; init; }
}
