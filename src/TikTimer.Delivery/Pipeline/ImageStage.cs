using TikTimer.Delivery.Images;
using TikTimer.Delivery.Local;

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
        using var registry = await OpenRegistryAsync(services, cancellationToken).ConfigureAwait(false);
        return await new ImagePusher(services.Docker, services.Log)
            .PushAsync(image, (IImageRegistry)registry, cancellationToken)
            .ConfigureAwait(false);
    }

    private static async Task<IDisposable> OpenRegistryAsync(DeliveryServices services, CancellationToken cancellationToken)
    {
        var settings = services.Settings;
        if (settings.IsAws)
        {
            return AwsStages.OpenEcrRegistry(services);
        }

        var password = settings.RegistryPassword ?? await ReadPasswordFileAsync(settings.RegistryPasswordFile, settings.RepositoryRoot, cancellationToken).ConfigureAwait(false);
        services.Log.RegisterSecret(password);
        return new LocalImageRegistry(new LocalRegistryOptions(settings.Registry, settings.Repository, settings.RegistryUsername, password));
    }

    private static async Task<string> ReadPasswordFileAsync(string? file, string root, CancellationToken cancellationToken)
    {
        var path = file is null ? null : Path.GetFullPath(file, root);
        if (path is null || !File.Exists(path))
        {
            throw new DeliveryException(
                $"PushToEcr: the local registry password file '{file}' does not exist. Run scripts/setup-local.sh (it starts the registry and writes the file), or set --registry-password-file / TIKTIMER_REGISTRY_PASSWORD.");
        }

        return (await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false)).Trim();
    }
}
