namespace TikTimer.Delivery.Aws.Ecr;

public sealed record DescribeImagesRequest(string RepositoryName)
{
    public IReadOnlyList<ImageIdentifier>? ImageIds { get; init; }

    public DescribeImagesFilter? Filter { get; init; }

    public string? RegistryId { get; init; }

    public string? NextToken { get; init; }

    public int? MaxResults { get; init; }
}

/// <param name="TagStatus">TAGGED, UNTAGGED or ANY.</param>
public sealed record DescribeImagesFilter(string TagStatus);

public sealed record DescribeImagesResponse
{
    public IReadOnlyList<ImageDetail> ImageDetails { get; init; } = [];

    public string? NextToken { get; init; }
}
