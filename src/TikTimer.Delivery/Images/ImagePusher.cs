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

        var repository = registry.Repository;
        var local = await _docker.InspectImageAsync(options.ImageId, cancellationToken).ConfigureAwait(false)
            ?? throw new DeliveryException($"{Step}: the image {options.ImageId} is not in the local Docker engine. Run BuildImage first.");

        await registry.EnsureRepositoryAsync(cancellationToken).ConfigureAwait(false);
        var remote = await registry.FindImageAsync(options.Tag, cancellationToken).ConfigureAwait(false);
        var decision = PushDecision.Decide(repository, options.Tag, local.Id, local.RepoDigests, remote);

        string digest;
        switch (decision.Action)
        {
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

    // The credential lives in a private DOCKER_CONFIG that is deleted at the
    // end, so no token is left in the user's ~/.docker/config.json.
    private async Task<string> PushWithTemporaryLoginAsync(IImageRegistry registry, string imageId, string tag, CancellationToken cancellationToken)
    {
        var login = await registry.GetLoginAsync(cancellationToken).ConfigureAwait(false);
        _log.RegisterSecret(login.Password);
        var configDirectory = Directory.CreateTempSubdirectory("tiktimer-docker-config-");
        try
        {
            var docker = _docker.WithConfigDirectory(configDirectory.FullName);
            await docker.LoginAsync(login.ServerAddress, login.Username, login.Password, cancellationToken).ConfigureAwait(false);
            var reference = $"{registry.Repository}:{tag}";
            await docker.TagAsync(imageId, reference, cancellationToken).ConfigureAwait(false);
            var pushed = await docker.PushAsync(reference, cancellationToken).ConfigureAwait(false);
            return await VerifyDigestAsync(registry, tag, pushed.Digest, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            configDirectory.Delete(recursive: true);
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
