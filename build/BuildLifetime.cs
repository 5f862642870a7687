using Cake.Common.Diagnostics;
using Cake.Core;
using Cake.Frosting;
using TikTimer.Delivery.Records;

namespace TikTimer.Build;

public sealed class BuildLifetime : FrostingLifetime<BuildContext>
{
    public override void Setup(BuildContext context, ISetupContext info)
    {
        var settings = context.Settings;
        context.State.Target = info.TargetTask.Name;
        context.State.StartedAt = context.Clock.GetUtcNow();

        // Cake lists the dependencies even when --exclusive skips them.
        var tasks = HostArguments.IsOn(context.Arguments.GetArguments("exclusive").LastOrDefault())
            ? [info.TargetTask.Name]
            : info.TasksToExecute.Select(t => t.Name);
        context.Information(
            "TikTimer delivery: environment '{0}' on the {1} platform; running {2}.",
            settings.Environment,
            settings.Platform.ToString().ToLowerInvariant(),
            string.Join(" -> ", tasks));

        if (settings.Image is not null && tasks.Contains("PushToEcr"))
        {
            context.Delivery.Warning($"--image={settings.Image} is not used: this run pushes its own image. Add --exclusive to run one later step on it.");
        }

        // Process arguments are readable by every user of the machine (ps, /proc).
        foreach (var secret in context.Resolved.SecretsFromCommandLine())
        {
            context.Delivery.Warning(
                $"--{secret.Key} was given on the command line, where other processes can read it; prefer {string.Join(" or ", secret.EnvironmentVariables)}.");
        }
    }

    public override void Teardown(BuildContext context, ITeardownContext info)
    {
        WriteDeliveryRecord(context, info.Successful);
        CiReporter.AppendSummary(context.Delivery.Redact(RunSummary.Markdown(context.Settings.Environment, info.Successful, context.State)));
    }

    // A record that cannot be written must not hide how the delivery itself ended.
    private static void WriteDeliveryRecord(BuildContext context, bool successful)
    {
        if (!DeliveryRecordFactory.IsDelivery(context.State))
        {
            return;
        }

        try
        {
            var record = DeliveryRecordFactory.From(context.Settings, successful, context.State, context.Clock.GetUtcNow());
            var store = DeliveryRecordStore.ForRepository(context.Settings.RepositoryRoot);
            context.State.RecordPath = store.Write(record);
            context.Delivery.Information($"Delivery record: {context.State.RecordPath}");
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            context.Delivery.Warning($"Could not write the delivery record to {DeliveryRecordStore.RelativeDirectory}: {error.Message}");
        }
    }
}
