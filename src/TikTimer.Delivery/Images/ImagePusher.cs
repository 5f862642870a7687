using TikTimer.Delivery.Docker;
using TikTimer.Delivery.Reporting;
using TikTimer.Delivery.Validation;

namespace TikTimer.Delivery.Images;

/// <summary>
/// PushToEcr: push the built image under its immutable tag at most once,
/// move the extra tags, and report the digest later stages deploy.
/// </summary>
public sealed class ImagePusher
{
    public const string Step = "PushToEcr";

    private readonly DockerCli _docker;
    private readonly IDeliveryLog _log;

    public ImagePusher(DockerCli docker, IDeliveryLog log)
    {
        ArgumentNullException.ThrowIfNull(docker);
        ArgumentNullException.ThrowIfNull(log);
        _docker = docker.ForStep(Step);
        _log = log;
    }

    public async Task<ImagePushResult> PushAsync(ImagePushOptions options, IImageRegistry registry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(registry);
        OptionProblems.ThrowIfAny(options.Problems(), Step, "push options");

        var local = await _docker.InspectImageAsync(options.ImageId, cancellationToken).ConfigureAwait(false)
            ?? throw new DeliveryException($"{Step}: the image {options.ImageId} is not in the local Docker engine. Run BuildImage first.");

        // The registry knows its address once the repository is looked up (ECR's repositoryUri).
        await registry.EnsureRepositoryAsync(cancellationToken).ConfigureAwait(false);
        var repository = registry.Repository;
        var remote = await registry.FindImageAsync(options.Tag, cancellationToken).ConfigureAwait(false);
        var decision = PushDecision.Decide(repository, options.Tag, local.Id, local.RepoDigests, remote);

        string digest;
        switch (decision.Action)
        {
            case PushAction.Conflict when await IsThisBuildAsync(registry, remote!, options, cancellationToken).ConfigureAwait(false):
                _log.Information($"{Step}: {repository}:{options.Tag} was pushed by another run of this commit ({remote!.Digest}, labels match); using it instead of this run's {local.Id}.");
                digest = remote.Digest;
                break;
            case PushAction.Conflict:
                throw new DeliveryException($"{Step}: {decision.Reason}");
            case PushAction.AlreadyPushed:
                _log.Information($"{Step}: {decision.Reason}");
                digest = remote!.Digest;
                break;
            default:
                _log.Information($"{Step}: {decision.Reason} Pushing.");
                digest = await PushWithTemporaryLoginAsync(registry, local.Id, options.Tag, cancellationToken).ConfigureAwait(false);
                break;
        }

        var moved = await MoveExtraTagsAsync(registry, options.ExtraTags, digest, cancellationToken).ConfigureAwait(false);
        var result = new ImagePushResult(repository, options.Tag, digest, decision.Action == PushAction.Push, moved);
        _log.Information($"{Step}: image {result.DigestReference}");
        return result;
    }

    /// <summary>Moves the extra tags of a reused image (nothing was built or pushed).</summary>
    public async Task<ImagePushResult> AdoptAsync(ImagePushResult reused, IReadOnlyList<string> extraTags, IImageRegistry registry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reused);
        ArgumentNullException.ThrowIfNull(registry);
        var moved = await MoveExtraTagsAsync(registry, extraTags.Where(t => t != reused.Tag).ToList(), reused.Digest, cancellationToken).ConfigureAwait(false);
        _log.Information($"{Step}: reused {reused.TagReference}; nothing to push. Image {reused.DigestReference}");
        return reused with { MovedTags = moved };
    }

    // No docker login: it would write the credential into a config.json, which a crash
    // (kill -9 mid-push) leaves behind. The credential reaches the docker client through
    // its environment and a credential helper instead; see DockerCredentialScope.
    private async Task<string> PushWithTemporaryLoginAsync(IImageRegistry registry, string imageId, string tag, CancellationToken cancellationToken)
    {
        var login = await registry.GetLoginAsync(cancellationToken).ConfigureAwait(false);
        using var credentials = DockerCredentialScope.Create(login, _log);
        var docker = _docker.WithCredentials(credentials);
        var reference = $"{registry.Repository}:{tag}";
        await docker.TagAsync(imageId, reference, cancellationToken).ConfigureAwait(false);
        var pushed = await docker.PushAsync(reference, cancellationToken).ConfigureAwait(false);
        return await VerifyDigestAsync(registry, tag, pushed.Digest, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<bool> IsThisBuildAsync(IImageRegistry registry, RemoteImage remote, ImagePushOptions options, CancellationToken cancellationToken)
    {
        if (options.Revision is null || options.Recipe is null)
        {
            return false;
        }

        try
        {
            var labels = await registry.ReadLabelsAsync(remote, cancellationToken).ConfigureAwait(false);
            return ImageIdentity.Mismatch(labels, options.Revision, options.Recipe) is null;
        }
        catch (DeliveryException)
        {
            return false;
        }
    }

    private async Task<string> VerifyDigestAsync(IImageRegistry registry, string tag, string? pushedDigest, CancellationToken cancellationToken)
    {
        var stored = await registry.FindImageAsync(tag, cancellationToken).ConfigureAwait(false)
            ?? throw new DeliveryException($"{Step}: docker push reported success but {registry.Repository}:{tag} is not in the registry.");
        if (pushedDigest is not null && pushedDigest != stored.Digest)
        {
            throw new DeliveryException(
                $"{Step}: docker push reported {pushedDigest} but the registry holds {stored.Digest} for {registry.Repository}:{tag}. Someone pushed over the tag during this run; run again.");
        }

        return stored.Digest;
    }

    private async Task<IReadOnlyList<string>> MoveExtraTagsAsync(IImageRegistry registry, IReadOnlyList<string> tags, string digest, CancellationToken cancellationToken)
    {
        var moved = new List<string>();
        foreach (var tag in tags)
        {
            var current = await registry.FindImageAsync(tag, cancellationToken).ConfigureAwait(false);
            if (current?.Digest == digest)
            {
                _log.Information($"{Step}: {registry.Repository}:{tag} already points to {digest}.");
                continue;
            }

            await registry.RetagAsync(digest, tag, cancellationToken).ConfigureAwait(false);
            _log.Information($"{Step}: moved {registry.Repository}:{tag} to {digest}.");
            moved.Add(tag);
        }

        return moved;
    }
}
