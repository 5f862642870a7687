namespace TikTimer.Delivery.Migrations;

/// <summary>
/// A started task.
/// </summary>
/// <param name="Id">What the platform needs to find it again: the task ARN, the container id.</param>
/// <param name="DisplayName">What people recognise in the log: the short task id, the container name.</param>
/// <param name="StopHint">A command a person can run to stop it by hand (<c>aws ecs stop-task --cluster c --task arn</c>, <c>docker stop name</c>).</param>
public sealed record OneOffTaskHandle(string Id, string DisplayName, string StopHint)
{
    /// <summary>When the platform created the task, for ordering two that started together; null when unknown.</summary>
    public DateTimeOffset? CreatedAt { get; init; }

    /// <summary>
    /// True when this task was created before <paramref name="other"/>: by creation time, then by
    /// id, so that two runs looking at the same two tasks always agree on which came first.
    /// </summary>
    public bool StartedBefore(OneOffTaskHandle other)
    {
        ArgumentNullException.ThrowIfNull(other);
        var mine = CreatedAt ?? DateTimeOffset.MaxValue;
        var theirs = other.CreatedAt ?? DateTimeOffset.MaxValue;
        return mine != theirs ? mine < theirs : string.CompareOrdinal(Id, other.Id) < 0;
    }

    public override string ToString() => DisplayName;
}
