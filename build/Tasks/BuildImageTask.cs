using Cake.Frosting;
using TikTimer.Delivery.Images;

namespace TikTimer.Build.Tasks;

[TaskName("BuildImage")]
[TaskDescription("Builds the service image, tagged with the git commit and labelled (OCI)")]
[IsDependentOn(typeof(ValidateTask))]
public sealed class BuildImageTask : AsyncFrostingTask<BuildContext>
{
    public override async Task RunAsync(BuildContext context)
    {
        var image = context.Services.ImageBuildOptions();
        context.State.Reused = await context.Services.ReusableImageAsync(image, context.Cancellation);
        if (context.State.Reused is not null)
        {
            return;
        }

        var build = await context.Services.ImageBuilder().BuildAsync(image, context.Cancellation);
        context.State.Build = build;
        context.Delivery.Information($"Built {build.LocalReference} (image id {build.ImageId}).");
    }
}
