namespace TikTimer.Delivery.Images;

public enum PushAction
{
    /// <summary>The tag is not in the registry.</summary>
    Push,

    /// <summary>The tag already holds this very image: a re-run.</summary>
    AlreadyPushed,

    /// <summary>The tag holds a different image: pushing would fail (immutable) or overwrite someone's image.</summary>
    Conflict,
}

/// <summary>What to do with the primary tag, and why, in words for the log.</summary>
public sealed record PushDecision(PushAction Action, string Reason)
{
    /// <summary>
    /// Judges the registry's answer against the local image. The registry tag
    /// holds "this image" when its digest is one the local engine recorded for
    /// this repository (an earlier push from here), or when its config digest
    /// is the local image id (the same image pushed from elsewhere).
    /// </summary>
    public static PushDecision Decide(string repository, string tag, string localImageId, IReadOnlyList<string> localRepoDigests, RemoteImage? remote)
    {
        ArgumentNullException.ThrowIfNull(localRepoDigests);
        if (remote is null)
        {
            return new PushDecision(PushAction.Push, $"{repository}:{tag} is not in the registry yet.");
        }

        var sameManifest = localRepoDigests.Contains($"{repository}@{remote.Digest}", StringComparer.Ordinal);
        var sameConfig = string.Equals(remote.ConfigDigest, localImageId, StringComparison.Ordinal);
        return sameManifest || sameConfig
            ? new PushDecision(PushAction.AlreadyPushed, $"{repository}:{tag} already holds this image ({remote.Digest}); skipping the push.")
            : new PushDecision(
                PushAction.Conflict,
                $"{repository}:{tag} already exists with a different image ({remote.Digest}, config {remote.ConfigDigest ?? "unknown"}) than the one this run built ({localImageId}), "
                + "and its labels do not say it is this commit built with these settings (so it was not reused). Tags are immutable: pushing would overwrite it. "
                + "Either the tag was pushed by another tool or with other build settings (dockerfile, build arguments, platform), or by hand. "
                + $"Ways out: run MigrateViaEcs, Deploy and SmokeTest with --exclusive on the registry's image (--image={repository}@{remote.Digest}), publish this build under its own tag (--image-tag=<new tag>), "
                + "or delete the tag in the registry if its image is wrong.");
    }
}
