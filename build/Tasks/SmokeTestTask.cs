using Cake.Frosting;

namespace TikTimer.Build.Tasks;

[TaskName("SmokeTest")]
[TaskDescription("Checks the live /health and / of the deployed service")]
[IsDependentOn(typeof(DeployTask))]
public sealed class SmokeTestTask : AsyncFrostingTask<BuildContext>
{
    public override Task RunAsync(BuildContext context) => Stages.SmokeTestAsync(context);
}
