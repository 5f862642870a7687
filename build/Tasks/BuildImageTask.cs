using Cake.Frosting;

namespace TikTimer.Build.Tasks;

[TaskName("BuildImage")]
[TaskDescription("Builds the service image, tagged with the git commit and labelled (OCI)")]
[IsDependentOn(typeof(ValidateTask))]
public sealed class BuildImageTask : AsyncFrostingTask<BuildContext>
{
    public override Task RunAsync(BuildContext context) => Stages.BuildImageAsync(context);
}
