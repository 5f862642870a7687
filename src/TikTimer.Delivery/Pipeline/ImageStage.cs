using TikTimer.Delivery.Images;

namespace TikTimer.Delivery.Pipeline;

/// <summary>BuildImage and PushToEcr, from settings to the libraries that do the work.</summary>
public static class ImageStage
{
    public static Task<ImageBuildResult> BuildAsync(DeliveryServices services, CancellationToken cancellationToken) =>
        Builder(services).BuildAsync(BuildOptions(services.Settings), cancellationToken);

    /// <summary>
    /// Build once per commit: the registry's image of this commit when the tree is clean, no
    /// tag was chosen, and its labels say it is this commit built with these settings; else null.
    /// </summary>
    public static async Task<ImagePushResult?> FindReusableAsync(DeliveryServices services, CancellationToken cancellationToken)
    {
        var options = BuildOptions(services.Settings);
        if (options.Tag is not null)
        {
            return null;
        }

        var git = await Builder(services).ReadSourceAsync(options, cancellationToken).ConfigureAwait(false);
        if (git.IsDirty)
        {
            return null;
        }

        var registry = await OpenRegistryAsync(services, ImageBuilder.Step, cancellationToken).ConfigureAwait(false);
        using var owned = registry as IDisposable;
        return await new ImageReuse(services.Log).FindAsync(registry, git.Commit, BuildRecipe.Of(options), cancellationToken).ConfigureAwait(false);
    }

    public static async Task<ImagePushResult> PushAsync(
        DeliveryServices services,
        ImagePushOptions image,
        CancellationToken cancellationToken)
    {
        var registry = await OpenRegistryAsync(services, ImagePusher.Step, cancellationToken).ConfigureAwait(false);
        using var owned = registry as IDisposable;
        return await new ImagePusher(services.Docker, services.Log)
            .PushAsync(image, registry, cancellationToken)
            .ConfigureAwait(false);
    }

    /// <summary>PushToEcr for a reused image: only the extra tags move.</summary>
    public static async Task<ImagePushResult> AdoptAsync(DeliveryServices services, ImagePushResult reused, CancellationToken cancellationToken)
    {
        var registry = await OpenRegistryAsync(services, ImagePusher.Step, cancellationToken).ConfigureAwait(false);
        using var owned = registry as IDisposable;
        return await new ImagePusher(services.Docker, services.Log)
            .AdoptAsync(reused, services.Settings.ExtraTags, registry, cancellationToken)
            .ConfigureAwait(false);
    }

    private static ImageBuilder Builder(DeliveryServices services) =>
        new(services.Docker, services.Processes, services.Log, services.Clock);

    private static ImageBuildOptions BuildOptions(Configuration.DeliverySettings settings) => new()
    {
        ImageName = settings.Repository,
        Dockerfile = settings.Dockerfile,
        RepositoryRoot = settings.RepositoryRoot,
        PublishProject = settings.ServiceProject,
        Tag = settings.ImageTag,
        ExtraTags = settings.ExtraTags,
        Platform = settings.DockerPlatform,
        BuildArgs = settings.BuildArgs,
    };

    private static async Task<IImageRegistry> OpenRegistryAsync(DeliveryServices services, string step, CancellationToken cancellationToken) =>
        services.Settings.IsAws
            ? await services.Aws.ImageRegistryAsync(cancellationToken).ConfigureAwait(false)
            : LocalRegistryAccess.Open(services.Settings, services.Log, step);
}
