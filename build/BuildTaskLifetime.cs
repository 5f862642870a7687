using Cake.Core;
using Cake.Frosting;

namespace TikTimer.Build;

/// <summary>Each task is a collapsible group in CI, and a failure an annotation naming the task.</summary>
public sealed class BuildTaskLifetime : FrostingTaskLifetime<BuildContext>
{
    public override void Setup(BuildContext context, ITaskSetupContext info) =>
        CiReporter.BeginGroup(info.Task.Name);

    public override void Teardown(BuildContext context, ITaskTeardownContext info)
    {
        CiReporter.EndGroup();
        var outcome = info.Skipped ? "skipped" : info.Successful ? "succeeded" : "failed";
        context.State.Tasks.Add(new TaskRecord(info.Task.Name, info.Duration, outcome, info.ThrownException));
        if (!info.Successful && info.ThrownException is { } error)
        {
            CiReporter.Error($"{info.Task.Name} failed", context.Delivery.Redact(error.Message));
        }
    }
}
