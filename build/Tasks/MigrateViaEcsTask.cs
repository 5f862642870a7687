using Cake.Frosting;

namespace TikTimer.Build.Tasks;

[TaskName("MigrateViaEcs")]
[TaskDescription("Runs the database migration as a one-off task of the pushed image and waits for it")]
[IsDependentOn(typeof(PushToEcrTask))]
public sealed class MigrateViaEcsTask : AsyncFrostingTask<BuildContext>
{
    public override Task RunAsync(BuildContext context) => Stages.MigrateViaEcsAsync(context);
}
