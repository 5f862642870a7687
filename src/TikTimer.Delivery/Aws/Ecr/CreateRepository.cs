namespace TikTimer.Delivery.Aws.Ecr;

public sealed record CreateRepositoryRequest(string RepositoryName)
{
    /// <summary>MUTABLE or IMMUTABLE.</summary>
    public string? ImageTagMutability { get; init; }

    public ImageScanningConfiguration? ImageScanningConfiguration { get; init; }

    public IReadOnlyList<Tag>? Tags { get; init; }
}

public sealed record ImageScanningConfiguration(bool ScanOnPush);

public sealed record CreateRepositoryResponse
{
    public Repository? Repository { get; init; }
}
