namespace TikTimer.Delivery.Images;

/// <summary>What PushToEcr hands to MigrateViaEcs and Deploy.</summary>
/// <param name="Pushed">False when the tag already held this image and the push was skipped.</param>
/// <param name="MovedTags">Extra tags that were pointed at <paramref name="Digest"/> by this run.</param>
public sealed record ImagePushResult(string Repository, string Tag, string Digest, bool Pushed, IReadOnlyList<string> MovedTags)
{
    /// <summary><c>repository@sha256:...</c>: what later stages run, never a mutable tag.</summary>
    public string DigestReference => $"{Repository}@{Digest}";

    public string TagReference => $"{Repository}:{Tag}";
}
