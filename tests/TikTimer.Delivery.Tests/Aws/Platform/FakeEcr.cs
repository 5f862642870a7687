using System.Collections.Concurrent;
using System.Text;
using TikTimer.Delivery.Aws;
using TikTimer.Delivery.Aws.Ecr;

namespace TikTimer.Delivery.Tests.Aws.Platform;

/// <summary>ECR in memory: repositories and images by tag and digest, with ECR's errors. Every request is recorded.</summary>
internal sealed class FakeEcr : IEcrApi
{
    private readonly Dictionary<string, Repository> _repositories = new(StringComparer.Ordinal);
    private readonly List<(string Repository, string Digest, string Manifest, HashSet<string> Tags)> _images = [];

    public ConcurrentQueue<object> Requests { get; } = new();

    public string Token { get; set; } = Convert.ToBase64String(Encoding.UTF8.GetBytes("AWS:secret-password"));

    public IEnumerable<T> Recorded<T>() => Requests.OfType<T>();

    public void AddRepository(string name, string mutability = "MUTABLE", string? uri = null) =>
        _repositories[name] = new Repository { RepositoryName = name, ImageTagMutability = mutability, RepositoryUri = uri ?? $"123456789012.dkr.ecr.eu-west-1.amazonaws.com/{name}" };

    public void AddImage(string repository, string digest, string manifest, params string[] tags) =>
        _images.Add((repository, digest, manifest, [.. tags]));

    public Task<GetAuthorizationTokenResponse> GetAuthorizationTokenAsync(GetAuthorizationTokenRequest request, CancellationToken cancellationToken = default)
    {
        Requests.Enqueue(request);
        return Task.FromResult(new GetAuthorizationTokenResponse
        {
            AuthorizationData = [new AuthorizationData { AuthorizationToken = Token, ProxyEndpoint = "https://123456789012.dkr.ecr.eu-west-1.amazonaws.com" }],
        });
    }

    public Task<DescribeRepositoriesResponse> DescribeRepositoriesAsync(DescribeRepositoriesRequest request, CancellationToken cancellationToken = default)
    {
        Requests.Enqueue(request);
        var name = request.RepositoryNames!.Single();
        return _repositories.TryGetValue(name, out var repository)
            ? Task.FromResult(new DescribeRepositoriesResponse { Repositories = [repository] })
            : throw Error("DescribeRepositories", "RepositoryNotFoundException", $"The repository with name '{name}' does not exist in the registry with id '123456789012'");
    }

    public Task<CreateRepositoryResponse> CreateRepositoryAsync(CreateRepositoryRequest request, CancellationToken cancellationToken = default)
    {
        Requests.Enqueue(request);
        AddRepository(request.RepositoryName, request.ImageTagMutability ?? "MUTABLE");
        return Task.FromResult(new CreateRepositoryResponse { Repository = _repositories[request.RepositoryName] });
    }

    public Task<DescribeImagesResponse> DescribeImagesAsync(DescribeImagesRequest request, CancellationToken cancellationToken = default) =>
        throw new AssertionException("DescribeImages is not used.");

    public Task<BatchGetImageResponse> BatchGetImageAsync(BatchGetImageRequest request, CancellationToken cancellationToken = default)
    {
        Requests.Enqueue(request);
        var id = request.ImageIds.Single();
        var found = _images.Where(i => i.Repository == request.RepositoryName && (id.ImageDigest == i.Digest || (id.ImageTag is not null && i.Tags.Contains(id.ImageTag)))).ToList();
        return Task.FromResult(found.Count == 0
            ? new BatchGetImageResponse { Failures = [new ImageFailure { ImageId = id, FailureCode = "ImageNotFound", FailureReason = "Requested image not found" }] }
            : new BatchGetImageResponse { Images = [.. found.Select(i => new Image { RepositoryName = i.Repository, ImageId = new ImageIdentifier { ImageDigest = i.Digest, ImageTag = id.ImageTag }, ImageManifest = i.Manifest })] });
    }

    public Task<PutImageResponse> PutImageAsync(PutImageRequest request, CancellationToken cancellationToken = default)
    {
        Requests.Enqueue(request);
        var tag = request.ImageTag!;
        var holder = _images.FirstOrDefault(i => i.Repository == request.RepositoryName && i.Tags.Contains(tag));
        if (holder.Digest == request.ImageDigest)
        {
            throw Error("PutImage", "ImageAlreadyExistsException", $"Image with digest '{request.ImageDigest}' and tag '{tag}' already exists");
        }

        if (holder.Digest is not null && _repositories[request.RepositoryName].ImageTagMutability == "IMMUTABLE")
        {
            throw Error("PutImage", "ImageTagAlreadyExistsException", $"The image tag '{tag}' already exists and cannot be overwritten because the repository is immutable.");
        }

        holder.Tags?.Remove(tag);
        _images.Single(i => i.Repository == request.RepositoryName && i.Digest == request.ImageDigest).Tags.Add(tag);
        return Task.FromResult(new PutImageResponse());
    }

    private static AwsServiceException Error(string operation, string code, string message) =>
        new(message, "ECR", operation, code, message, null, 400);
}
