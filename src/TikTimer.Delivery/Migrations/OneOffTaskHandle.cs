namespace TikTimer.Delivery.Migrations;

/// <summary>
/// A started task.
/// </summary>
/// <param name="Id">What the platform needs to find it again: the task ARN, the container id.</param>
/// <param name="DisplayName">What people recognise in the log: the short task id, the container name.</param>
/// <param name="StopHint">A command a person can run to stop it by hand (<c>aws ecs stop-task --cluster c --task arn</c>, <c>docker stop name</c>).</param>
public sealed record OneOffTaskHandle(string Id, string DisplayName, string StopHint)
{
    public override string ToString() => DisplayName;
}
