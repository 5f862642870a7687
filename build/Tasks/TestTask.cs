using Cake.Frosting;
using TikTimer.Delivery.TestSuite;

namespace TikTimer.Build.Tasks;

[TaskName("Test")]
[TaskDescription("Runs the project's own tests (unit, integration with real parts, end to end), starting the local environment first when it is not running")]
public sealed class TestTask : AsyncFrostingTask<BuildContext>
{
    public override Task RunAsync(BuildContext context)
    {
        var services = context.Services;
        return TestSuiteRunner.For(context.Settings, services.Docker, services.Processes, context.Delivery).RunAsync(context.Cancellation);
    }
}
