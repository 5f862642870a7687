using System.Globalization;
using TikTimer.Delivery.Aws.Ecs;
using TikTimer.Delivery.Rollout;

namespace TikTimer.Delivery.Aws.Platform;

/// <summary>
/// Judges a rollout by ECS's service-deployment record. Pure. Any ROLLBACK_* or STOP* status is a
/// failure, however healthy the service looks afterwards: the circuit breaker or an alarm undid our revision.
/// </summary>
public static class ServiceDeploymentJudge
{
    public static RecordedRollout Judge(ServiceDeployment deployment)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        var id = ShortId(deployment.ServiceDeploymentArn);
        return deployment.Status switch
        {
            "SUCCESSFUL" => new(RolloutProgress.Stable, $"service deployment {id} is SUCCESSFUL"),
            "PENDING" or "IN_PROGRESS" => new(RolloutProgress.InProgress, $"service deployment {id} is {deployment.Status}{Stage(deployment)}{Counts(deployment)}"),
            "STOP_REQUESTED" or "STOPPED" or "ROLLBACK_REQUESTED" or "ROLLBACK_IN_PROGRESS" or "ROLLBACK_SUCCESSFUL" or "ROLLBACK_FAILED" =>
                new(RolloutProgress.Failed, $"service deployment {id} is {deployment.Status}{Why(deployment)}"),
            // A status newer than this code: keep waiting, saying what ECS reports; the timeout still bounds it.
            _ => new(RolloutProgress.InProgress, $"service deployment {id} reports status {deployment.Status ?? "(none)"}"),
        };
    }

    /// <summary>
    /// As <see cref="Judge(ServiceDeployment)"/>, knowing the record that started after ours: a
    /// STOP_REQUESTED or STOPPED record with a newer one was replaced by another release, a failure
    /// that must not be rolled back (that would undo theirs).
    /// </summary>
    public static RecordedRollout Judge(ServiceDeployment deployment, ServiceDeploymentBrief? newer, string? newerTaskDefinition)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        if (newer is null || deployment.Status is not ("STOP_REQUESTED" or "STOPPED"))
        {
            return Judge(deployment);
        }

        var what = newerTaskDefinition is null ? string.Empty : $" of {newerTaskDefinition[(newerTaskDefinition.LastIndexOf('/') + 1)..]}";
        return new(
            RolloutProgress.Superseded,
            $"another deployment replaced ours: service deployment {ShortId(newer.ServiceDeploymentArn)}{what} started after ours, and ECS {(deployment.Status == "STOPPED" ? "stopped" : "is stopping")} ours ({ShortId(deployment.ServiceDeploymentArn)})");
    }

    private static string Why(ServiceDeployment deployment)
    {
        var parts = new List<string>();
        if (deployment.StatusReason?.TrimEnd('.') is { Length: > 0 } reason)
        {
            parts.Add(reason);
        }

        if (deployment.DeploymentCircuitBreaker is { } breaker && breaker.Status is not (null or "DISABLED"))
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"circuit breaker {breaker.Status}: {breaker.FailureCount} of {breaker.Threshold} failed task(s)"));
        }

        if (deployment.Alarms is { TriggeredAlarmNames.Count: > 0 } alarms)
        {
            parts.Add($"alarms triggered: {string.Join(", ", alarms.TriggeredAlarmNames)}");
        }

        if (deployment.Rollback?.Reason is { Length: > 0 } rollback)
        {
            parts.Add($"rollback: {rollback}");
        }

        return parts.Count == 0 ? string.Empty : " (" + string.Join("; ", parts) + ")";
    }

    private static string Stage(ServiceDeployment deployment) =>
        deployment.LifecycleStage is { Length: > 0 } stage ? $" ({stage})" : string.Empty;

    private static string Counts(ServiceDeployment deployment) =>
        deployment.TargetServiceRevision is { } target
            ? string.Create(CultureInfo.InvariantCulture, $", {target.RunningTaskCount} of {target.RequestedTaskCount} task(s) running")
            : string.Empty;

    private static string ShortId(string? arn) => arn is null ? "(unknown)" : arn[(arn.LastIndexOf('/') + 1)..];
}
