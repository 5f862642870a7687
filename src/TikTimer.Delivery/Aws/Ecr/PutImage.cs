namespace TikTimer.Delivery.Aws.Ecr;

/// <summary>Tags an existing manifest (re-tagging without a push).</summary>
public sealed record PutImageRequest(string RepositoryName, string ImageManifest)
{
    public string? ImageManifestMediaType { get; init; }

    public string? ImageTag { get; init; }

    public string? ImageDigest { get; init; }

    public string? RegistryId { get; init; }
}

public sealed record PutImageResponse
{
    public Image? Image { get; init; }
}
