using Cake.Frosting;

namespace TikTimer.Build.Tasks;

[TaskName("Deploy")]
[TaskDescription("Rolls the service(s) to the pushed image and waits until really stable")]
[IsDependentOn(typeof(MigrateViaEcsTask))]
public sealed class DeployTask : AsyncFrostingTask<BuildContext>
{
    public override Task RunAsync(BuildContext context) => Stages.DeployAsync(context);
}
