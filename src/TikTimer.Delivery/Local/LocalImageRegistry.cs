using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using TikTimer.Delivery.Images;
using TikTimer.Delivery.Validation;

namespace TikTimer.Delivery.Local;

/// <summary>
/// <see cref="IImageRegistry"/> over the registry HTTP API v2 (the CNCF
/// distribution registry, Debian's <c>docker-registry</c>) with basic auth.
/// </summary>
public sealed class LocalImageRegistry : IImageRegistry, IDisposable
{
    private const string Step = "PushToEcr";

    private readonly LocalRegistryOptions _options;
    private readonly HttpClient _http;

    public LocalImageRegistry(LocalRegistryOptions options, HttpMessageHandler? handler = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        OptionProblems.ThrowIfAny(options.Problems(), Step, "local registry settings");

        _options = options;
        _http = handler is null ? new HttpClient() : new HttpClient(handler, disposeHandler: false);
        _http.BaseAddress = new Uri($"http://{options.Address}/");
        _http.Timeout = options.RequestTimeout;
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{options.Username}:{options.Password}")));
    }

    public string Repository => $"{_options.Address}/{_options.RepositoryName}";

    /// <summary>A distribution registry creates repositories on first push; this checks it answers and accepts the credentials.</summary>
    public async Task EnsureRepositoryAsync(CancellationToken cancellationToken = default)
    {
        using var response = await SendAsync(new HttpRequestMessage(HttpMethod.Get, "v2/"), cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.Unauthorized)
        {
            throw new DeliveryException(
                $"{Step}: the registry at {_options.Address} rejected the credentials of user '{_options.Username}'. Check the registry username and password settings against its htpasswd file.");
        }

        await EnsureSuccessAsync(response, "check the registry", cancellationToken).ConfigureAwait(false);
    }

    public Task<RegistryLogin> GetLoginAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult(new RegistryLogin(_options.Address, _options.Username, _options.Password));

    public async Task<RemoteImage?> FindImageAsync(string tag, CancellationToken cancellationToken = default)
    {
        var manifest = await GetManifestAsync(tag, cancellationToken).ConfigureAwait(false);
        return manifest is null ? null : new RemoteImage(manifest.Digest, ConfigDigest(manifest.Content));
    }

    public async Task RetagAsync(string digest, string tag, CancellationToken cancellationToken = default)
    {
        var manifest = await GetManifestAsync(digest, cancellationToken).ConfigureAwait(false)
            ?? throw new DeliveryException($"{Step}: cannot tag {Repository}:{tag}: the registry has no manifest {digest}.");
        using var content = new ByteArrayContent(manifest.Content);
        content.Headers.ContentType = new MediaTypeHeaderValue(manifest.MediaType);
        using var request = new HttpRequestMessage(HttpMethod.Put, ManifestPath(tag)) { Content = content };
        using var response = await SendAsync(request, cancellationToken).ConfigureAwait(false);
        await EnsureSuccessAsync(response, $"tag {Repository}:{tag}", cancellationToken).ConfigureAwait(false);
        var stored = response.Headers.TryGetValues("Docker-Content-Digest", out var values) ? values.FirstOrDefault() : digest;
        if (stored != digest)
        {
            throw new DeliveryException($"{Step}: tagging {Repository}:{tag} stored {stored} instead of {digest}.");
        }
    }

    public async Task<IReadOnlyDictionary<string, string>?> ReadLabelsAsync(RemoteImage image, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (image.ConfigDigest is null)
        {
            return null;
        }

        using var request = new HttpRequestMessage(HttpMethod.Get, $"v2/{_options.RepositoryName}/blobs/{image.ConfigDigest}");
        using var response = await SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        await EnsureSuccessAsync(response, $"read the config of {Repository}@{image.Digest}", cancellationToken).ConfigureAwait(false);
        return ImageConfigLabels.Parse(await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false));
    }

    public void Dispose() => _http.Dispose();

    /// <summary>The image config digest of a single-image manifest; null for an index.</summary>
    internal static string? ConfigDigest(byte[] manifest)
    {
        try
        {
            using var document = JsonDocument.Parse(manifest);
            return document.RootElement.TryGetProperty("config", out var config) && config.TryGetProperty("digest", out var digest)
                ? digest.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private async Task<Manifest?> GetManifestAsync(string reference, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, ManifestPath(reference));
        foreach (var type in ManifestMediaTypes.Accepted)
        {
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(type));
        }

        using var response = await SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        await EnsureSuccessAsync(response, $"read {Repository}:{reference}", cancellationToken).ConfigureAwait(false);
        var content = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        var digest = response.Headers.TryGetValues("Docker-Content-Digest", out var values)
            ? values.First()
            : "sha256:" + Convert.ToHexStringLower(SHA256.HashData(content));
        var mediaType = response.Content.Headers.ContentType?.MediaType ?? ManifestMediaTypes.Accepted[0];
        return new Manifest(digest, mediaType, content);
    }

    private string ManifestPath(string reference) => $"v2/{_options.RepositoryName}/manifests/{reference}";

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        try
        {
            return await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException exception)
        {
            throw new DeliveryException(
                $"{Step}: the registry at {_options.Address} is not reachable ({exception.Message}). Start the local registry or fix the registry address setting.",
                exception);
        }
        catch (TaskCanceledException exception) when (!cancellationToken.IsCancellationRequested)
        {
            throw new DeliveryException(
                $"{Step}: the registry at {_options.Address} did not answer within {_options.RequestTimeout.TotalSeconds:0} s.", exception);
        }
    }

    private async Task EnsureSuccessAsync(HttpResponseMessage response, string action, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        throw new DeliveryException(
            $"{Step}: could not {action} at {_options.Address}: HTTP {(int)response.StatusCode} {response.ReasonPhrase}. {body.Trim()}");
    }

    private sealed record Manifest(string Digest, string MediaType, byte[] Content);
}
