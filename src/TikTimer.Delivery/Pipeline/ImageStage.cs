using TikTimer.Delivery.Images;

namespace TikTimer.Delivery.Pipeline;

/// <summary>BuildImage and PushToEcr, from settings to the libraries that do the work.</summary>
public static class ImageStage
{
    public static Task<ImageBuildResult> BuildAsync(DeliveryServices services, CancellationToken cancellationToken)
    {
        var settings = services.Settings;
        var options = new ImageBuildOptions
        {
            ImageName = settings.Repository,
            Dockerfile = settings.Dockerfile,
            RepositoryRoot = settings.RepositoryRoot,
            PublishProject = settings.ServiceProject,
            ContextDirectory = settings.BuildContext,
            Tag = settings.ImageTag,
            ExtraTags = settings.ExtraTags,
            Platform = settings.DockerPlatform,
            BuildArgs = settings.BuildArgs,
        };
        return new ImageBuilder(services.Docker, services.Processes, services.Log, services.Clock)
            .BuildAsync(options, cancellationToken);
    }

    public static async Task<ImagePushResult> PushAsync(
        DeliveryServices services,
        ImagePushOptions image,
        CancellationToken cancellationToken)
    {
        IImageRegistry registry = services.Settings.IsAws
            ? await services.Aws.ImageRegistryAsync(cancellationToken).ConfigureAwait(false)
            : LocalRegistryAccess.Open(services.Settings, services.Log, ImagePusher.Step);
        using var owned = registry as IDisposable;
        return await new ImagePusher(services.Docker, services.Log)
            .PushAsync(image, registry, cancellationToken)
            .ConfigureAwait(false);
    }
}
