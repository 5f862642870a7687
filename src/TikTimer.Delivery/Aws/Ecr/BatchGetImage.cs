namespace TikTimer.Delivery.Aws.Ecr;

public sealed record BatchGetImageRequest(string RepositoryName, IReadOnlyList<ImageIdentifier> ImageIds)
{
    public IReadOnlyList<string>? AcceptedMediaTypes { get; init; }

    public string? RegistryId { get; init; }
}

public sealed record BatchGetImageResponse
{
    public IReadOnlyList<Image> Images { get; init; } = [];

    /// <summary>Images that do not exist come back here, not as an error.</summary>
    public IReadOnlyList<ImageFailure> Failures { get; init; } = [];
}
