using Cake.Frosting;

namespace TikTimer.Build.Tasks;

[TaskName("BuildImage")]
[TaskDescription("Builds the service image, tagged with the git commit and labelled (OCI)")]
[IsDependentOn(typeof(ValidateTask))]
public sealed class BuildImageTask : AsyncFrostingTask<BuildContext>
{
    public override async Task RunAsync(BuildContext context)
    {
        var services = context.Services;
        var build = await services.ImageBuilder().BuildAsync(services.ImageBuildOptions(), context.Cancellation);
        context.State.Build = build;
        context.Delivery.Information($"Built {build.LocalReference} (image id {build.ImageId}).");
    }
}
