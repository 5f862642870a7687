using Cake.Frosting;
using TikTimer.Delivery.Setup;
using TikTimer.Delivery.Validation;

namespace TikTimer.Build.Tasks;

[TaskName("Validate")]
[TaskDescription("Checks the configuration and the platform's prerequisites, and runs the service's tests (test-command)")]
public sealed class ValidateTask : AsyncFrostingTask<BuildContext>
{
    public override async Task RunAsync(BuildContext context)
    {
        if (context.Settings.PrintSettings)
        {
            context.Delivery.Information("Resolved settings (highest precedence wins):");
            foreach (var line in context.Resolved.Describe())
            {
                context.Delivery.Information("  " + line);
            }
        }

        // The settings themselves were checked when the context was built.
        context.Delivery.Information($"Configuration of '{context.Settings.Environment}' is valid.");
        if (context.Settings.IsLocal)
        {
            var services = context.Services;
            await LocalEnvironmentSetup.For(context.Settings, services.Docker, services.Processes, context.Delivery).EnsureUpAsync("Validate", context.Cancellation);
        }

        await new PrerequisiteValidator(context.Delivery).ValidateAsync(Prerequisites.For(context.Services), context.Cancellation);
    }
}
