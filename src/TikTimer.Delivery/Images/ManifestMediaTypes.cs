namespace TikTimer.Delivery.Images;

/// <summary>
/// Every single-image and multi-image manifest kind, Docker and OCI, a registry is asked
/// for; without them ECR and the distribution registry answer with (or refuse to convert to) the legacy schema 1.
/// </summary>
internal static class ManifestMediaTypes
{
    public static readonly IReadOnlyList<string> Accepted =
    [
        "application/vnd.docker.distribution.manifest.v2+json",
        "application/vnd.oci.image.manifest.v1+json",
        "application/vnd.docker.distribution.manifest.list.v2+json",
        "application/vnd.oci.image.index.v1+json",
    ];
}
