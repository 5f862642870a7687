using System.Text.Json;
using Amazon;
using TikTimer.Delivery.Aws.Ecr;
using TikTimer.Delivery.Images;
using TikTimer.Delivery.Reporting;
using TikTimer.Delivery.Validation;

namespace TikTimer.Delivery.Aws.Platform;

/// <summary>
/// <see cref="IImageRegistry"/> on ECR: the repository is ensured (created only when
/// configured to), the login comes from GetAuthorizationToken, tags are looked up with
/// BatchGetImage and moved with PutImage (no layers pushed again).
/// </summary>
public sealed class EcrImageRegistry : IImageRegistry
{
    private const string Step = "PushToEcr";

    private readonly IEcrApi _ecr;
    private readonly EcrRegistryOptions _options;
    private readonly IDeliveryLog _log;

    public EcrImageRegistry(IEcrApi ecr, EcrRegistryOptions options, IDeliveryLog log)
    {
        _ecr = ecr ?? throw new ArgumentNullException(nameof(ecr));
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _log = log ?? throw new ArgumentNullException(nameof(log));
        OptionProblems.ThrowIfAny(options.Problems(), Step, "ECR settings");

    }

    /// <summary>
    /// Where docker pushes: <c>RegistryAddress/NAME</c> when overridden, else the repositoryUri ECR reported in
    /// <see cref="EnsureRepositoryAsync"/> (before that, the address ECR uses in the account's partition).
    /// </summary>
    public string Repository => _options.RegistryAddress is { } address
        ? $"{address}/{_options.RepositoryName}"
        : _reportedUri ?? $"{EcrHost(_options.AccountId, _options.Region)}/{_options.RepositoryName}";

    private string? _reportedUri;

    private string Where => $"account {_options.AccountId}, region {_options.Region}";

    /// <summary><c>ACCOUNT.dkr.ecr.REGION.amazonaws.com</c>, with the partition's DNS suffix (amazonaws.com.cn in China).</summary>
    public static string EcrHost(string accountId, string region)
    {
        var suffix = RegionEndpoint.GetBySystemName(region).PartitionDnsSuffix;
        return $"{accountId}.dkr.ecr.{region}.{(string.IsNullOrEmpty(suffix) ? "amazonaws.com" : suffix)}";
    }

    public async Task EnsureRepositoryAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            var found = await _ecr.DescribeRepositoriesAsync(
                new DescribeRepositoriesRequest { RepositoryNames = [_options.RepositoryName] }, cancellationToken).ConfigureAwait(false);
            var repository = found.Repositories.FirstOrDefault();
            Remember(repository?.RepositoryUri);
            _log.Verbose($"{Step}: ECR repository {repository?.RepositoryUri ?? _options.RepositoryName} exists (tags {repository?.ImageTagMutability ?? "?"}).");
            return;
        }
        catch (AwsServiceException error) when (error.ErrorCode == "RepositoryNotFoundException")
        {
            if (!_options.CreateRepository)
            {
                throw new DeliveryException(
                    $"{Step}: ECR repository '{_options.RepositoryName}' does not exist in {Where}. "
                    + "Create it with Terraform, or let the suite create it with --create-repository=true.",
                    error);
            }
        }

        await CreateAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<bool> LookUpRepositoryAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            var found = await _ecr.DescribeRepositoriesAsync(
                new DescribeRepositoriesRequest { RepositoryNames = [_options.RepositoryName] }, cancellationToken).ConfigureAwait(false);
            Remember(found.Repositories.FirstOrDefault()?.RepositoryUri);
            return found.Repositories.Count > 0;
        }
        catch (AwsServiceException error) when (error.ErrorCode == "RepositoryNotFoundException")
        {
            return false;
        }
    }

    public async Task<RegistryLogin> GetLoginAsync(CancellationToken cancellationToken = default)
    {
        var response = await _ecr.GetAuthorizationTokenAsync(new GetAuthorizationTokenRequest(), cancellationToken).ConfigureAwait(false);
        var data = response.AuthorizationData.FirstOrDefault(d => !string.IsNullOrEmpty(d.AuthorizationToken))
            ?? throw new DeliveryException($"{Step}: ECR GetAuthorizationToken returned no token for {Where}.");
        _log.RegisterSecret(data.AuthorizationToken!);
        var (user, password) = data.DecodeCredentials();
        _log.RegisterSecret(password);

        var server = _options.RegistryAddress ?? ServerAddress(data.ProxyEndpoint) ?? Repository[..Repository.IndexOf('/', StringComparison.Ordinal)];
        return new RegistryLogin(server, user, password);
    }

    public async Task<RemoteImage?> FindImageAsync(string tag, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tag);
        var image = await GetImageAsync(ImageIdentifier.ForTag(tag), cancellationToken).ConfigureAwait(false);
        if (image is null)
        {
            return null;
        }

        var digest = image.ImageId?.ImageDigest
            ?? throw new DeliveryException($"{Step}: ECR returned {Repository}:{tag} without a digest.");
        return new RemoteImage(digest, ConfigDigest(image.ImageManifest));
    }

    /// <summary>
    /// ECR's API has no image config; the registry API has it (basic auth with the token,
    /// like docker), so the labels come from there.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, string>?> ReadLabelsAsync(RemoteImage image, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (image.ConfigDigest is null)
        {
            return null;
        }

        var login = await GetLoginAsync(cancellationToken).ConfigureAwait(false);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        try
        {
            return await RegistryBlobReader.ReadLabelsAsync(http, login, _options.RepositoryName, image.ConfigDigest, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException error)
        {
            throw new DeliveryException($"{Step}: could not read the labels of {Repository}@{image.Digest} from {login.ServerAddress}: {error.Message}", error);
        }
    }

    public async Task RetagAsync(string digest, string tag, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(digest);
        ArgumentException.ThrowIfNullOrWhiteSpace(tag);
        var image = await GetImageAsync(ImageIdentifier.ForDigest(digest), cancellationToken).ConfigureAwait(false);
        if (image?.ImageManifest is null)
        {
            throw new DeliveryException($"{Step}: cannot tag {Repository}:{tag}: ECR has no image {digest} in '{_options.RepositoryName}'.");
        }

        try
        {
            await _ecr.PutImageAsync(
                new PutImageRequest(_options.RepositoryName, image.ImageManifest)
                {
                    ImageTag = tag,
                    ImageDigest = digest,
                    ImageManifestMediaType = image.ImageManifestMediaType ?? MediaType(image.ImageManifest),
                },
                cancellationToken).ConfigureAwait(false);
        }
        catch (AwsServiceException error) when (error.ErrorCode is "ImageAlreadyExistsException" or "ImageTagAlreadyExistsException")
        {
            // ECR refuses to re-put a tag it already has: fine when it already points here.
            var current = await FindImageAsync(tag, cancellationToken).ConfigureAwait(false);
            if (current?.Digest == digest)
            {
                _log.Verbose($"{Step}: {Repository}:{tag} already points to {digest}.");
                return;
            }

            throw new DeliveryException(
                $"{Step}: cannot move {Repository}:{tag} to {digest}: the tag points to {current?.Digest ?? "another image"} and the repository's tags are immutable. "
                + "Drop the tag from --extra-tags or make the repository's tags MUTABLE.",
                error);
        }
    }

    /// <summary>The image config digest of a single-image manifest (the local image id); null for an index.</summary>
    internal static string? ConfigDigest(string? manifest)
    {
        if (string.IsNullOrEmpty(manifest))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(manifest);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("config", out var config)
                && config.ValueKind == JsonValueKind.Object
                && config.TryGetProperty("digest", out var digest)
                ? digest.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? MediaType(string manifest)
    {
        try
        {
            using var document = JsonDocument.Parse(manifest);
            return document.RootElement.TryGetProperty("mediaType", out var type) ? type.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    // ECR's repositoryUri is HOST/NAME; anything else would push somewhere ECR did not name.
    private void Remember(string? repositoryUri)
    {
        if (string.IsNullOrEmpty(repositoryUri))
        {
            return;
        }

        if (!repositoryUri.EndsWith("/" + _options.RepositoryName, StringComparison.Ordinal))
        {
            throw new DeliveryException(
                $"{Step}: ECR reported repositoryUri '{repositoryUri}' for repository '{_options.RepositoryName}', which does not end in its name; refusing to push there.");
        }

        _reportedUri = repositoryUri;
    }

    private static string? ServerAddress(string? proxyEndpoint) =>
        Uri.TryCreate(proxyEndpoint, UriKind.Absolute, out var uri) ? uri.Authority : null;

    private async Task CreateAsync(CancellationToken cancellationToken)
    {
        try
        {
            var created = await _ecr.CreateRepositoryAsync(
                new CreateRepositoryRequest(_options.RepositoryName)
                {
                    ImageTagMutability = _options.TagMutability,
                    ImageScanningConfiguration = new ImageScanningConfiguration(_options.ScanOnPush),
                },
                cancellationToken).ConfigureAwait(false);
            Remember(created.Repository?.RepositoryUri);
            _log.Information(
                $"{Step}: created ECR repository {created.Repository?.RepositoryUri ?? _options.RepositoryName} "
                + $"({_options.TagMutability} tags, scan on push {(_options.ScanOnPush ? "on" : "off")}).");
        }
        catch (AwsServiceException error) when (error.ErrorCode == "RepositoryAlreadyExistsException")
        {
            // Another pipeline created it between our look and our create: that is what we wanted.
            _log.Verbose($"{Step}: ECR repository '{_options.RepositoryName}' was created meanwhile.");
        }
    }

    private async Task<Image?> GetImageAsync(ImageIdentifier id, CancellationToken cancellationToken)
    {
        var response = await _ecr.BatchGetImageAsync(
            new BatchGetImageRequest(_options.RepositoryName, [id]) { AcceptedMediaTypes = ManifestMediaTypes.Accepted }, cancellationToken).ConfigureAwait(false);
        var image = response.Images.FirstOrDefault();
        if (image is not null)
        {
            return image;
        }

        var failure = response.Failures.FirstOrDefault();
        if (failure is null || failure.FailureCode == "ImageNotFound")
        {
            return null;
        }

        throw new DeliveryException(
            $"{Step}: ECR could not read {Repository}{(id.ImageDigest is null ? ":" : "@")}{id} ({failure.FailureCode}: {failure.FailureReason}).");
    }
}
