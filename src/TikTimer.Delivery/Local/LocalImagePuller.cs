using TikTimer.Delivery.Docker;
using TikTimer.Delivery.Images;
using TikTimer.Delivery.Processes;
using TikTimer.Delivery.Reporting;

namespace TikTimer.Delivery.Local;

/// <summary>
/// Makes sure the engine has an image before <c>docker run</c>: one pushed by another run
/// (a reused commit image, <c>--image</c> on an exclusive step) is pulled with the
/// registry's credentials, as the push was, instead of docker's anonymous pull failing with
/// "no basic auth credentials".
/// </summary>
public sealed class LocalImagePuller
{
    private readonly DockerCli _docker;
    private readonly IDeliveryLog _log;
    private readonly Func<CancellationToken, Task<RegistryLogin>>? _login;

    /// <param name="login">The registry's credentials, asked for only when a pull is needed; null pulls with the user's own docker login.</param>
    public LocalImagePuller(DockerCli docker, IDeliveryLog log, Func<CancellationToken, Task<RegistryLogin>>? login)
    {
        _docker = docker ?? throw new ArgumentNullException(nameof(docker));
        _log = log ?? throw new ArgumentNullException(nameof(log));
        _login = login;
    }

    public async Task EnsureAsync(string image, string step, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(image);
        if (await _docker.InspectImageAsync(image, cancellationToken).ConfigureAwait(false) is not null)
        {
            return;
        }

        var login = _login is null ? null : await _login(cancellationToken).ConfigureAwait(false);
        var ours = login is not null && image.StartsWith(login.ServerAddress + "/", StringComparison.Ordinal);
        _log.Information($"{step}: {image} is not in the local engine; pulling it{(ours ? $" from {login!.ServerAddress} as {login.Username}" : string.Empty)}.");
        try
        {
            if (ours)
            {
                using var credentials = DockerCredentialScope.Create(login!, _log);
                await _docker.ForStep(step).WithCredentials(credentials).PullAsync(image, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await _docker.ForStep(step).PullAsync(image, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (ProcessFailedException error)
        {
            throw new DeliveryException(
                $"{step}: could not pull {image}: {error.Result.Error.Trim()}. Check that the image exists in its registry and that the registry settings (address, username, password) are the ones it was pushed with.",
                error);
        }
    }
}
