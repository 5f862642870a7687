using TikTimer.Delivery.Configuration;
using TikTimer.Delivery.Reporting;

namespace TikTimer.Delivery.Local;

/// <summary>The local registry from settings; its password comes from a setting or the file setup wrote.</summary>
internal static class LocalRegistryAccess
{
    public static LocalImageRegistry Open(DeliverySettings settings, IDeliveryLog log, string step)
    {
        var password = settings.RegistryPassword ?? ReadPasswordFile(settings, step);
        log.RegisterSecret(password);
        return new LocalImageRegistry(new LocalRegistryOptions(settings.Registry, settings.Repository, settings.RegistryUsername, password));
    }

    /// <summary>Pulls for the local platform's steps, with the registry's credentials read only when a pull is needed.</summary>
    public static LocalImagePuller Puller(DeliverySettings settings, Docker.DockerCli docker, IDeliveryLog log, string step) =>
        new(docker, log, async cancellationToken =>
        {
            using var registry = Open(settings, log, step);
            return await registry.GetLoginAsync(cancellationToken).ConfigureAwait(false);
        });

    private static string ReadPasswordFile(DeliverySettings settings, string step)
    {
        var path = settings.RegistryPasswordFile is null ? null : settings.ResolvePath(settings.RegistryPasswordFile);
        if (path is null || !File.Exists(path))
        {
            throw new DeliveryException(
                $"{step}: the local registry password file '{settings.RegistryPasswordFile}' does not exist. Run scripts/setup-local.sh (it starts the registry and writes the file), or set --registry-password-file / TIKTIMER_REGISTRY_PASSWORD.");
        }

        return File.ReadAllText(path).Trim();
    }
}
