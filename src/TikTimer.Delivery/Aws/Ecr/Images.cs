using System.Text.Json.Serialization;
using TikTimer.Delivery.Aws.Http;

namespace TikTimer.Delivery.Aws.Ecr;

/// <summary>Names an image by digest, by tag, or both.</summary>
public sealed record ImageIdentifier
{
    public string? ImageDigest { get; init; }

    public string? ImageTag { get; init; }

    public static ImageIdentifier ForTag(string tag) => new() { ImageTag = tag };

    public static ImageIdentifier ForDigest(string digest) => new() { ImageDigest = digest };

    public override string ToString() => ImageTag ?? ImageDigest ?? "(no image id)";
}

public sealed record ImageDetail
{
    public string? RegistryId { get; init; }

    public string? RepositoryName { get; init; }

    public string? ImageDigest { get; init; }

    public IReadOnlyList<string> ImageTags { get; init; } = [];

    public long? ImageSizeInBytes { get; init; }

    [JsonConverter(typeof(EpochSecondsConverter))]
    public DateTimeOffset? ImagePushedAt { get; init; }

    public string? ImageManifestMediaType { get; init; }
}

public sealed record Image
{
    public string? RegistryId { get; init; }

    public string? RepositoryName { get; init; }

    public ImageIdentifier? ImageId { get; init; }

    public string? ImageManifest { get; init; }

    public string? ImageManifestMediaType { get; init; }
}

public sealed record ImageFailure
{
    public ImageIdentifier? ImageId { get; init; }

    /// <summary>ImageNotFound, ImageTagDoesNotMatchDigest, ...</summary>
    public string? FailureCode { get; init; }

    public string? FailureReason { get; init; }
}
