namespace TikTimer.Delivery.Images;

/// <summary>A tag as the registry knows it.</summary>
/// <param name="Digest">The manifest digest, <c>sha256:...</c>.</param>
/// <param name="ConfigDigest">
/// The digest of the image config, which is the local image id of the image it
/// came from; null for a multi-platform index.
/// </param>
public sealed record RemoteImage(string Digest, string? ConfigDigest);
