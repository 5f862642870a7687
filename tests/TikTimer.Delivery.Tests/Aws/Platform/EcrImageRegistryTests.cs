using System.Text;
using TikTimer.Delivery.Aws.Ecr;
using TikTimer.Delivery.Aws.Platform;
using TikTimer.Delivery.Images;
using TikTimer.Delivery.Reporting;

namespace TikTimer.Delivery.Tests.Aws.Platform;

public class EcrImageRegistryTests
{
    private const string DigestA = "sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
    private const string DigestB = "sha256:bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";
    private const string ConfigA = "sha256:cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc";

    private FakeEcr _ecr = null!;
    private RecordingDeliveryLog _log = null!;

    [SetUp]
    public void CreateFakes()
    {
        _ecr = new FakeEcr();
        _log = new RecordingDeliveryLog();
    }

    [Test]
    public void The_repository_is_the_account_s_ECR_host_and_the_name()
    {
        Assert.That(Registry().Repository, Is.EqualTo("123456789012.dkr.ecr.eu-west-1.amazonaws.com/tiktimer"));
    }

    [Test]
    public void A_registry_address_override_replaces_the_host_for_docker()
    {
        Assert.That(Registry(Options() with { RegistryAddress = "127.0.0.1:5000" }).Repository, Is.EqualTo("127.0.0.1:5000/tiktimer"));
    }

    [Test]
    public void China_regions_use_their_partition_s_domain()
    {
        Assert.That(Registry(Options() with { Region = "cn-north-1" }).Repository, Is.EqualTo("123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn/tiktimer"));
    }

    [Test]
    public async Task Docker_pushes_to_the_repositoryUri_ECR_reports_not_to_a_derived_address()
    {
        _ecr.AddRepository("tiktimer", uri: "127.0.0.1:41234/tiktimer");
        var registry = Registry();

        await registry.EnsureRepositoryAsync();

        Assert.That(registry.Repository, Is.EqualTo("127.0.0.1:41234/tiktimer"));
    }

    [Test]
    public void A_repositoryUri_that_does_not_end_in_the_repository_s_name_is_refused()
    {
        _ecr.AddRepository("tiktimer", uri: "127.0.0.1:41234/something-else");

        var error = Assert.ThrowsAsync<DeliveryException>(() => Registry().EnsureRepositoryAsync());

        Assert.That(error!.Message, Does.Contain("repositoryUri '127.0.0.1:41234/something-else'").And.Contain("refusing to push"));
    }

    [Test]
    public async Task An_existing_repository_is_left_alone()
    {
        _ecr.AddRepository("tiktimer");

        await Registry(Options() with { CreateRepository = true }).EnsureRepositoryAsync();

        Assert.That(_ecr.Recorded<CreateRepositoryRequest>(), Is.Empty);
    }

    [Test]
    public async Task A_missing_repository_is_created_with_scan_on_push_and_the_configured_mutability_when_allowed()
    {
        await Registry(Options() with { CreateRepository = true, TagMutability = "MUTABLE" }).EnsureRepositoryAsync();

        Assert.That(_ecr.Recorded<CreateRepositoryRequest>().Single(), Is.EqualTo(new CreateRepositoryRequest("tiktimer")
        {
            ImageTagMutability = "MUTABLE",
            ImageScanningConfiguration = new ImageScanningConfiguration(true),
        }));
        Assert.That(_log.Text, Does.Contain("created ECR repository"));
    }

    [Test]
    public void A_missing_repository_that_may_not_be_created_names_it_the_account_the_region_and_the_setting()
    {
        var error = Assert.ThrowsAsync<DeliveryException>(() => Registry().EnsureRepositoryAsync());

        Assert.That(error!.Message, Is.EqualTo(
            "PushToEcr: ECR repository 'tiktimer' does not exist in account 123456789012, region eu-west-1. "
            + "Create it with Terraform, or let the suite create it with --create-repository=true."));
    }

    [Test]
    public async Task The_login_is_the_decoded_token_for_the_proxy_endpoint_host_and_the_password_is_a_secret()
    {
        var login = await Registry().GetLoginAsync();
        _log.Information($"password {login.Password}");

        Assert.That(login, Is.EqualTo(new RegistryLogin("123456789012.dkr.ecr.eu-west-1.amazonaws.com", "AWS", "secret-password")));
        Assert.That(_log.Text, Does.Not.Contain("secret-password"));
    }

    [Test]
    public async Task With_a_registry_address_override_the_login_goes_there()
    {
        var login = await Registry(Options() with { RegistryAddress = "127.0.0.1:5000" }).GetLoginAsync();

        Assert.That(login.ServerAddress, Is.EqualTo("127.0.0.1:5000"));
    }

    [Test]
    public async Task A_tag_is_found_with_its_manifest_digest_and_config_digest()
    {
        _ecr.AddRepository("tiktimer");
        _ecr.AddImage("tiktimer", DigestA, Manifest(ConfigA), "abc123");

        var image = await Registry().FindImageAsync("abc123");

        Assert.That(image, Is.EqualTo(new RemoteImage(DigestA, ConfigA)));
        Assert.That(_ecr.Recorded<BatchGetImageRequest>().Single().AcceptedMediaTypes, Does.Contain("application/vnd.oci.image.manifest.v1+json").And.Contain("application/vnd.docker.distribution.manifest.v2+json"));
    }

    [Test]
    public async Task A_multi_platform_index_has_no_config_digest()
    {
        _ecr.AddRepository("tiktimer");
        _ecr.AddImage("tiktimer", DigestA, """{"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[]}""", "abc123");

        var image = await Registry().FindImageAsync("abc123");

        Assert.That(image!.ConfigDigest, Is.Null);
    }

    [Test]
    public async Task A_missing_tag_is_not_found()
    {
        _ecr.AddRepository("tiktimer");

        Assert.That(await Registry().FindImageAsync("nope"), Is.Null);
    }

    [Test]
    public async Task Retagging_puts_the_digest_s_manifest_under_the_tag()
    {
        _ecr.AddRepository("tiktimer");
        _ecr.AddImage("tiktimer", DigestA, Manifest(ConfigA), "abc123");

        await Registry().RetagAsync(DigestA, "latest");

        var put = _ecr.Recorded<PutImageRequest>().Single();
        Assert.That(put.ImageTag, Is.EqualTo("latest"));
        Assert.That(put.ImageDigest, Is.EqualTo(DigestA));
        Assert.That(put.ImageManifest, Is.EqualTo(Manifest(ConfigA)));
        Assert.That(put.ImageManifestMediaType, Is.EqualTo("application/vnd.docker.distribution.manifest.v2+json"));
        Assert.That((await Registry().FindImageAsync("latest"))!.Digest, Is.EqualTo(DigestA));
    }

    [Test]
    public async Task Retagging_to_where_the_tag_already_points_is_not_an_error()
    {
        _ecr.AddRepository("tiktimer", "IMMUTABLE");
        _ecr.AddImage("tiktimer", DigestA, Manifest(ConfigA), "abc123", "latest");

        await Registry().RetagAsync(DigestA, "latest");

        Assert.That(_ecr.Recorded<PutImageRequest>().Count(), Is.EqualTo(1));
    }

    [Test]
    public void Moving_an_immutable_tag_elsewhere_fails_naming_the_tag_and_both_digests()
    {
        _ecr.AddRepository("tiktimer", "IMMUTABLE");
        _ecr.AddImage("tiktimer", DigestA, Manifest(ConfigA), "latest");
        _ecr.AddImage("tiktimer", DigestB, Manifest(ConfigA).Replace("7023", "7024", StringComparison.Ordinal), "def456");

        var error = Assert.ThrowsAsync<DeliveryException>(() => Registry().RetagAsync(DigestB, "latest"));

        Assert.That(error!.Message, Does.Contain(":latest to " + DigestB).And.Contain("points to " + DigestA).And.Contain("immutable"));
    }

    [Test]
    public void Retagging_a_digest_ECR_does_not_have_fails_naming_it()
    {
        _ecr.AddRepository("tiktimer");

        var error = Assert.ThrowsAsync<DeliveryException>(() => Registry().RetagAsync(DigestA, "latest"));

        Assert.That(error!.Message, Does.Contain($"ECR has no image {DigestA}"));
    }

    [Test]
    public void Settings_that_cannot_work_are_all_named()
    {
        var error = Assert.Throws<DeliveryException>(() => Registry(Options() with { RepositoryName = "TikTimer", AccountId = "12", TagMutability = "SOMETIMES" }));

        Assert.That(error!.Message, Does.Contain("'TikTimer'").And.Contain("'12'").And.Contain("'SOMETIMES'"));
    }

    [Test]
    public async Task The_token_itself_is_a_secret_too()
    {
        _ecr.Token = Convert.ToBase64String(Encoding.UTF8.GetBytes("AWS:pw"));

        await Registry().GetLoginAsync();
        _log.Information(_ecr.Token);

        Assert.That(_log.Text, Does.Not.Contain(_ecr.Token));
    }

    private static string Manifest(string config) =>
        $$"""{"schemaVersion":2,"mediaType":"application/vnd.docker.distribution.manifest.v2+json","config":{"mediaType":"application/vnd.docker.container.image.v1+json","size":7023,"digest":"{{config}}"},"layers":[]}""";

    private static EcrRegistryOptions Options() => new() { RepositoryName = "tiktimer", AccountId = "123456789012", Region = "eu-west-1" };

    private EcrImageRegistry Registry(EcrRegistryOptions? options = null) => new(_ecr, options ?? Options(), _log);
}
