namespace TikTimer.Delivery.Images;

/// <summary>What BuildImage hands to PushToEcr.</summary>
/// <param name="ImageId">The local image id, <c>sha256:...</c>.</param>
/// <param name="ImageName">The local image name, without tag.</param>
/// <param name="Tags">The primary (immutable) tag and the extra tags.</param>
/// <param name="Revision">The full commit SHA.</param>
/// <param name="IsDirty">Built from a working tree with uncommitted changes.</param>
/// <param name="Created">The instant in <c>org.opencontainers.image.created</c>.</param>
public sealed record ImageBuildResult(
    string ImageId,
    string ImageName,
    ImageTags Tags,
    string Revision,
    bool IsDirty,
    DateTimeOffset Created)
{
    public string Tag => Tags.Primary;

    /// <summary>The <see cref="BuildRecipe"/> in the image's labels.</summary>
    public string? Recipe { get; init; }

    /// <summary><c>name:primary-tag</c>, the local reference of the image.</summary>
    public string LocalReference => $"{ImageName}:{Tags.Primary}";
}
