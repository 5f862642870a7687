using TikTimer.Delivery.Aws.Http;
using TikTimer.Delivery.Reporting;

namespace TikTimer.Delivery.Aws.Ecr;

/// <summary>ECR over awsJson 1.1.</summary>
internal sealed class EcrClient(AwsJsonProtocol protocol, IDeliveryLog? log) : IEcrApi
{
    public async Task<GetAuthorizationTokenResponse> GetAuthorizationTokenAsync(GetAuthorizationTokenRequest request, CancellationToken cancellationToken = default)
    {
        var response = await protocol.InvokeAsync<GetAuthorizationTokenRequest, GetAuthorizationTokenResponse>(
            "GetAuthorizationToken", idempotent: true, request, [], cancellationToken).ConfigureAwait(false);
        foreach (var data in response.AuthorizationData)
        {
            if (!string.IsNullOrEmpty(data.AuthorizationToken))
            {
                log?.RegisterSecret(data.AuthorizationToken);
                log?.RegisterSecret(data.DecodeCredentials().Password);
            }
        }

        return response;
    }

    public Task<DescribeRepositoriesResponse> DescribeRepositoriesAsync(DescribeRepositoriesRequest request, CancellationToken cancellationToken = default) =>
        protocol.InvokeAsync<DescribeRepositoriesRequest, DescribeRepositoriesResponse>(
            "DescribeRepositories", idempotent: true, request, [.. (request.RepositoryNames ?? []).Select(Repository)], cancellationToken);

    public Task<CreateRepositoryResponse> CreateRepositoryAsync(CreateRepositoryRequest request, CancellationToken cancellationToken = default) =>
        protocol.InvokeAsync<CreateRepositoryRequest, CreateRepositoryResponse>(
            "CreateRepository", idempotent: false, request, [Repository(request.RepositoryName)], cancellationToken);

    public Task<DescribeImagesResponse> DescribeImagesAsync(DescribeImagesRequest request, CancellationToken cancellationToken = default) =>
        protocol.InvokeAsync<DescribeImagesRequest, DescribeImagesResponse>(
            "DescribeImages", idempotent: true, request, [Repository(request.RepositoryName), .. Images(request.RepositoryName, request.ImageIds)], cancellationToken);

    public Task<BatchGetImageResponse> BatchGetImageAsync(BatchGetImageRequest request, CancellationToken cancellationToken = default) =>
        protocol.InvokeAsync<BatchGetImageRequest, BatchGetImageResponse>(
            "BatchGetImage", idempotent: true, request, [Repository(request.RepositoryName), .. Images(request.RepositoryName, request.ImageIds)], cancellationToken);

    public Task<PutImageResponse> PutImageAsync(PutImageRequest request, CancellationToken cancellationToken = default) =>
        protocol.InvokeAsync<PutImageRequest, PutImageResponse>(
            "PutImage", idempotent: false, request,
            [Repository(request.RepositoryName), new(AwsResource.Image, $"{request.RepositoryName}:{request.ImageTag ?? request.ImageDigest}")],
            cancellationToken);

    private static AwsResource Repository(string name) => new(AwsResource.Repository, name);

    private static IEnumerable<AwsResource> Images(string repository, IReadOnlyList<ImageIdentifier>? ids) =>
        (ids ?? []).Select(id => new AwsResource(AwsResource.Image, $"{repository}:{id}"));
}
