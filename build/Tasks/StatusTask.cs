using Cake.Frosting;
using TikTimer.Delivery.Configuration;
using TikTimer.Delivery.Records;
using TikTimer.Delivery.Status;

namespace TikTimer.Build.Tasks;

/// <remarks>Reads only: the platform's services and tasks, and the delivery records in .artifacts/deliveries/.</remarks>
[TaskName("Status")]
[TaskDescription("Shows what serves (revision, image digest, commit, counts, rollouts in progress), the last migration task, and whether it is the last successful delivery; --format=json")]
public sealed class StatusTask : AsyncFrostingTask<BuildContext>
{
    public override async Task RunAsync(BuildContext context)
    {
        var services = context.Services;
        var settings = context.Settings;
        var query = new StatusQuery(services.Platform.StatusReader(), DeliveryRecordStore.ForRepository(settings.RepositoryRoot));
        var family = services.Platform.MigrationTask(string.Empty).Family;
        var report = await query.RunAsync(settings.Environment, settings.Services, family, context.Cancellation);
        if (settings.OutputFormat == OutputFormat.Json)
        {
            // Scripts read standard output; with --verbosity=quiet it holds only this.
            Console.Out.WriteLine(context.Redact(StatusQuery.Json(report)));
            return;
        }

        foreach (var line in report.Lines())
        {
            context.Delivery.Information(line);
        }
    }
}
