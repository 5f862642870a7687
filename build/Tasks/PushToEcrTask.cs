using Cake.Frosting;

namespace TikTimer.Build.Tasks;

[TaskName("PushToEcr")]
[TaskDescription("Pushes the image to ECR (the local registry on local) and records its digest")]
[IsDependentOn(typeof(BuildImageTask))]
public sealed class PushToEcrTask : AsyncFrostingTask<BuildContext>
{
    public override Task RunAsync(BuildContext context) => Stages.PushToEcrAsync(context);
}
