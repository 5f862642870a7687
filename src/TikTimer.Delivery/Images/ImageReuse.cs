using TikTimer.Delivery.Reporting;

namespace TikTimer.Delivery.Images;

/// <summary>
/// Build once per commit: when the registry already holds this commit's tag and its labels
/// say it is this commit built this way, later runs (a re-run on a fresh CI runner, a second
/// clone) take its digest instead of building and pushing an image that would differ.
/// </summary>
public sealed class ImageReuse
{
    private readonly IDeliveryLog _log;

    public ImageReuse(IDeliveryLog log)
    {
        _log = log ?? throw new ArgumentNullException(nameof(log));
    }

    /// <summary>The image to reuse, or null when this run must build (said in the log).</summary>
    public async Task<ImagePushResult?> FindAsync(IImageRegistry registry, string commit, string recipe, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(registry);
        var reference = $"{registry.Repository}:{commit}";
        RemoteImage? remote;
        IReadOnlyDictionary<string, string>? labels = null;
        try
        {
            remote = await registry.FindImageAsync(commit, cancellationToken).ConfigureAwait(false);
            if (remote is not null)
            {
                labels = await registry.ReadLabelsAsync(remote, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (DeliveryException error)
        {
            // Only an optimisation: PushToEcr reports a registry that really does not work.
            _log.Warning($"{ImageBuilder.Step}: could not look for {reference} in the registry ({error.Message}); building.");
            return null;
        }

        if (remote is null)
        {
            _log.Information($"{ImageBuilder.Step}: {reference} is not in the registry yet; building.");
            return null;
        }

        var mismatch = ImageIdentity.Mismatch(labels, commit, recipe);
        if (mismatch is not null)
        {
            _log.Warning($"{ImageBuilder.Step}: {reference} exists ({remote.Digest}) but is not this commit's build: {mismatch}. Building.");
            return null;
        }

        _log.Information($"{ImageBuilder.Step}: {reference} already holds this commit's image ({remote.Digest}, labels match); reusing it: no build, no push.");
        return new ImagePushResult(registry.Repository, commit, remote.Digest, Pushed: false, MovedTags: []);
    }
}
