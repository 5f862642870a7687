namespace TikTimer.Delivery.Aws.Ecr;

public sealed record DescribeRepositoriesRequest
{
    public IReadOnlyList<string>? RepositoryNames { get; init; }

    public string? RegistryId { get; init; }

    public string? NextToken { get; init; }

    public int? MaxResults { get; init; }
}

public sealed record DescribeRepositoriesResponse
{
    public IReadOnlyList<Repository> Repositories { get; init; } = [];

    public string? NextToken { get; init; }
}
