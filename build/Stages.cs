using TikTimer.Delivery;
using TikTimer.Delivery.Images;
using TikTimer.Delivery.Migrations;
using TikTimer.Delivery.Smoke;
using TikTimer.Delivery.Pipeline;

namespace TikTimer.Build;

/// <summary>
/// Each task's body: call the library stage, keep its result for the next
/// tasks. No AWS, HTTP or docker argument building here.
/// </summary>
internal static class Stages
{
    public static Task ValidatePrerequisitesAsync(BuildContext context) =>
        ValidationStage.RunAsync(context.Services, context.Cancellation);

    public static async Task BuildImageAsync(BuildContext context)
    {
        context.State.Build = await ImageStage.BuildAsync(context.Services, context.Cancellation);
        context.Delivery.Information($"Built {context.State.Build.LocalReference} (image id {context.State.Build.ImageId}).");
    }

    public static async Task PushToEcrAsync(BuildContext context)
    {
        var build = context.State.Build ?? throw new DeliveryException(
            "PushToEcr: no image was built in this run. Run it with BuildImage (drop --exclusive).");
        context.State.Push = await ImageStage.PushAsync(context.Services, ImagePushOptions.From(build), context.Cancellation);
        context.Delivery.Information($"Image: {context.State.Push.DigestReference}");
    }

    public static async Task MigrateViaEcsAsync(BuildContext context)
    {
        var image = context.State.ImageFor("MigrateViaEcs", context.Settings.Image);
        try
        {
            var result = await MigrationStage.RunAsync(context.Services, image, context.Cancellation);
            context.State.MigrationTaskId = result.Task.Id;
            context.State.MigrationExitCode = result.FinalState.ExitCode;
        }
        catch (MigrationFailedException ex)
        {
            context.State.MigrationTaskId = ex.Task.Id;
            context.State.MigrationExitCode = ex.Verdict.ExitCode;
            throw;
        }
    }

    public static async Task DeployAsync(BuildContext context)
    {
        var image = context.State.ImageFor("Deploy", context.Settings.Image);
        context.State.Deploy = await DeployStage.RunAsync(context.Services, image, context.Cancellation);
        foreach (var rollout in context.State.Deploy.Rollouts)
        {
            context.State.TaskDefinitionRevisions.Add(rollout.RevisionId);
            context.State.RolloutResults.Add($"{rollout.Service}: stable on {rollout.RevisionId}");
        }
    }

    public static async Task SmokeTestAsync(BuildContext context)
    {
        var url = await DeployStage.ServiceUrlAsync(context.Services, context.Cancellation);
        try
        {
            // The tag is the APP_VERSION the image was built with, what the service reports.
            var deployedVersion = context.State.Build?.Tags.Primary ?? context.Settings.ImageTag;
            await SmokeStage.RunAsync(context.Services, url, deployedVersion, context.Cancellation);
        }
        catch (SmokeTestFailedException) when (context.Settings.Rollback && context.State.Deploy is { } deployed)
        {
            context.Delivery.Error("SmokeTest failed; rolling back the rollout of this run.");
            foreach (var report in await DeployStage.RollBackAsync(context.Services, deployed, context.Cancellation))
            {
                context.State.RolloutResults.Add($"{report.Service}: rolled back ({report.Message})");
                context.Delivery.Warning($"{report.Service}: {report.Message}");
            }

            throw;
        }
    }
}
