using System.Net;
using System.Net.Http.Headers;
using System.Text;
using TikTimer.Delivery.Local;

namespace TikTimer.Delivery.Tests.Local;

public class LocalImageRegistryTests
{
    private const string Manifest = """{"schemaVersion":2,"mediaType":"application/vnd.docker.distribution.manifest.v2+json","config":{"digest":"sha256:cfg"}}""";
    private static readonly string Digest = "sha256:" + new string('d', 64);

    [Test]
    public async Task A_tag_lookup_accepts_docker_and_oci_manifests_and_reads_both_digests()
    {
        var handler = new FakeHandler(_ => ManifestResponse(Digest));
        using var registry = Create(handler);

        var image = await registry.FindImageAsync("abc");

        Assert.That(image, Is.Not.Null);
        Assert.That(image!.Digest, Is.EqualTo(Digest));
        Assert.That(image.ConfigDigest, Is.EqualTo("sha256:cfg"));
        var request = handler.Requests.Single();
        Assert.That(request.RequestUri!.AbsolutePath, Is.EqualTo("/v2/tiktimer/manifests/abc"));
        Assert.That(request.Headers.Accept.Select(a => a.MediaType), Does.Contain("application/vnd.docker.distribution.manifest.v2+json").And.Contain("application/vnd.oci.image.manifest.v1+json"));
        Assert.That(request.Headers.Authorization!.Scheme, Is.EqualTo("Basic"));
    }

    [Test]
    public async Task A_missing_tag_is_null()
    {
        using var registry = Create(new FakeHandler(_ => new HttpResponseMessage(HttpStatusCode.NotFound)));

        Assert.That(await registry.FindImageAsync("abc"), Is.Null);
    }

    [Test]
    public async Task Retagging_puts_the_very_manifest_bytes_under_the_new_tag()
    {
        var handler = new FakeHandler(request => request.Method == HttpMethod.Get ? ManifestResponse(Digest) : Created(Digest));
        using var registry = Create(handler);

        await registry.RetagAsync(Digest, "latest");

        var put = handler.Requests.Single(r => r.Method == HttpMethod.Put);
        Assert.That(handler.Requests[0].RequestUri!.AbsolutePath, Is.EqualTo($"/v2/tiktimer/manifests/{Digest}"));
        Assert.That(put.RequestUri!.AbsolutePath, Is.EqualTo("/v2/tiktimer/manifests/latest"));
        Assert.That(handler.Bodies[^1], Is.EqualTo(Manifest));
        Assert.That(put.Content!.Headers.ContentType!.MediaType, Is.EqualTo("application/vnd.docker.distribution.manifest.v2+json"));
    }

    [Test]
    public void Rejected_credentials_are_reported_with_the_user_name_and_not_the_password()
    {
        using var registry = Create(new FakeHandler(_ => new HttpResponseMessage(HttpStatusCode.Unauthorized)));

        var error = Assert.ThrowsAsync<DeliveryException>(() => registry.EnsureRepositoryAsync());

        Assert.That(error.Message, Does.Contain("rejected the credentials of user 'pusher'").And.Not.Contain("pw-secret"));
    }

    [Test]
    public void An_unreachable_registry_is_reported_with_its_address()
    {
        using var registry = Create(new FakeHandler(_ => throw new HttpRequestException("Connection refused")));

        var error = Assert.ThrowsAsync<DeliveryException>(() => registry.EnsureRepositoryAsync());

        Assert.That(error.Message, Does.Contain("127.0.0.1:5000 is not reachable"));
    }

    [Test]
    public void The_options_never_print_the_password()
    {
        Assert.That(new LocalRegistryOptions("127.0.0.1:5000", "tiktimer", "pusher", "pw-secret").ToString(), Does.Not.Contain("pw-secret"));
    }

    [Test]
    public void An_address_without_a_port_is_refused()
    {
        Assert.That(() => new LocalImageRegistry(new LocalRegistryOptions("127.0.0.1", "tiktimer", "u", "p")), Throws.InstanceOf<DeliveryException>().With.Message.Contains("host:port"));
    }

    private static LocalImageRegistry Create(HttpMessageHandler handler) =>
        new(new LocalRegistryOptions("127.0.0.1:5000", "tiktimer", "pusher", "pw-secret"), handler);

    private static HttpResponseMessage ManifestResponse(string digest)
    {
        var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(Manifest, Encoding.UTF8) };
        response.Content.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.docker.distribution.manifest.v2+json");
        response.Headers.Add("Docker-Content-Digest", digest);
        return response;
    }

    private static HttpResponseMessage Created(string digest)
    {
        var response = new HttpResponseMessage(HttpStatusCode.Created);
        response.Headers.Add("Docker-Content-Digest", digest);
        return response;
    }

    private sealed class FakeHandler(Func<HttpRequestMessage, HttpResponseMessage> respond) : HttpMessageHandler
    {
        public List<HttpRequestMessage> Requests { get; } = [];

        public List<string?> Bodies { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Requests.Add(request);
            Bodies.Add(request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken));
            return respond(request);
        }
    }
}
