using Cake.Frosting;
using TikTimer.Delivery.Configuration;
using TikTimer.Delivery.Plan;

namespace TikTimer.Build.Tasks;

/// <remarks>Reads only: the registry, the platform's services, task definitions and the delivery records; builds, pushes, registers and starts nothing.</remarks>
[TaskName(DeliveryTasks.PlanTarget)]
[TaskDescription("Shows what a delivery would do, changing nothing: the image (reused or to be built), each task-definition revision as a diff, the pending migrations, the settings; --format=json")]
public sealed class PlanTask : AsyncFrostingTask<BuildContext>
{
    public override async Task RunAsync(BuildContext context)
    {
        var settings = context.Resolved.Masked().Select(s => new PlannedSetting(s.Key, s.Value, s.Source)).ToList();
        var plan = await new DeliveryPlanner(context.Services, settings).PlanAsync(context.Cancellation);
        if (context.Settings.OutputFormat == OutputFormat.Json)
        {
            // Scripts read standard output; with --verbosity=quiet it holds only this.
            Console.Out.WriteLine(context.Redact(DeliveryPlanJson.Serialize(plan)));
            return;
        }

        foreach (var line in DeliveryPlanText.Lines(plan))
        {
            context.Delivery.Information(line);
        }
    }
}
