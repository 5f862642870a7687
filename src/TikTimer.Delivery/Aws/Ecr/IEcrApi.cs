namespace TikTimer.Delivery.Aws.Ecr;

/// <summary>The ECR operations the pipeline uses. Errors surface as <see cref="AwsServiceException"/>.</summary>
public interface IEcrApi
{
    /// <summary>The token is registered as a secret with the delivery log before it is returned.</summary>
    Task<GetAuthorizationTokenResponse> GetAuthorizationTokenAsync(GetAuthorizationTokenRequest request, CancellationToken cancellationToken = default);

    Task<DescribeRepositoriesResponse> DescribeRepositoriesAsync(DescribeRepositoriesRequest request, CancellationToken cancellationToken = default);

    Task<CreateRepositoryResponse> CreateRepositoryAsync(CreateRepositoryRequest request, CancellationToken cancellationToken = default);

    Task<DescribeImagesResponse> DescribeImagesAsync(DescribeImagesRequest request, CancellationToken cancellationToken = default);

    Task<BatchGetImageResponse> BatchGetImageAsync(BatchGetImageRequest request, CancellationToken cancellationToken = default);

    Task<PutImageResponse> PutImageAsync(PutImageRequest request, CancellationToken cancellationToken = default);
}
