using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace TikTimer.EndToEnd.Tests.Infrastructure;

/// <summary>
/// The local registry's HTTP API (Docker Registry v2), with the credentials
/// scripts/setup-local.sh wrote: what the registry really holds, independent of the build's word.
/// </summary>
internal sealed class LocalRegistry : IDisposable
{
    public const string Address = "127.0.0.1:5000";
    public const string Username = "tiktimer";

    private static readonly string[] ManifestTypes =
    [
        "application/vnd.docker.distribution.manifest.v2+json",
        "application/vnd.docker.distribution.manifest.list.v2+json",
        "application/vnd.oci.image.manifest.v1+json",
        "application/vnd.oci.image.index.v1+json",
    ];

    private readonly HttpClient http;

    public LocalRegistry(string password)
    {
        http = new HttpClient { BaseAddress = new Uri($"http://{Address}/v2/"), Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Username}:{password}")));
        foreach (var type in ManifestTypes)
        {
            http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue(type));
        }
    }

    public const string PasswordFileVariable = "TIKTIMER_TEST_REGISTRY_PASSWORD_FILE";

    /// <summary>
    /// Where scripts/setup-local.sh writes the password (the suite's default
    /// <c>registry-password-file</c>), or TIKTIMER_TEST_REGISTRY_PASSWORD_FILE.
    /// </summary>
    public static string PasswordFile =>
        Environment.GetEnvironmentVariable(PasswordFileVariable) is { Length: > 0 } file
            ? Path.GetFullPath(file)
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "share", "tiktimer", "registry", "password");

    /// <summary>The Docker-Content-Digest of <paramref name="reference"/> (a tag or digest), or null when absent.</summary>
    public async Task<string?> ManifestDigestAsync(string repository, string reference)
    {
        using var request = new HttpRequestMessage(HttpMethod.Head, $"{repository}/manifests/{reference}");
        using var response = await http.SendAsync(request);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        response.EnsureSuccessStatusCode();
        return response.Headers.TryGetValues("Docker-Content-Digest", out var values) ? values.Single() : null;
    }

    /// <summary>
    /// Deletes every manifest of the repository (the registry allows deletes by digest only),
    /// so a later run under the same tag pushes afresh instead of meeting an immutable tag.
    /// </summary>
    public async Task DeleteRepositoryContentAsync(string repository)
    {
        using var tagsResponse = await http.GetAsync($"{repository}/tags/list");
        if (tagsResponse.StatusCode == HttpStatusCode.NotFound)
        {
            return;
        }

        tagsResponse.EnsureSuccessStatusCode();
        using var tags = JsonDocument.Parse(await tagsResponse.Content.ReadAsStringAsync());
        if (!tags.RootElement.TryGetProperty("tags", out var list) || list.ValueKind != JsonValueKind.Array)
        {
            return;
        }

        var digests = new HashSet<string>(StringComparer.Ordinal);
        foreach (var tag in list.EnumerateArray().Select(t => t.GetString()!))
        {
            if (await ManifestDigestAsync(repository, tag) is { } digest)
            {
                digests.Add(digest);
            }
        }

        foreach (var digest in digests)
        {
            using var delete = await http.DeleteAsync($"{repository}/manifests/{digest}");
            if (delete.StatusCode != HttpStatusCode.NotFound)
            {
                delete.EnsureSuccessStatusCode();
            }
        }
    }

    public void Dispose() => http.Dispose();
}
