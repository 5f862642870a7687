using TikTimer.Delivery.Aws;
using TikTimer.Delivery.Aws.Ecr;
using TikTimer.Delivery.Aws.Platform;
using TikTimer.Delivery.Images;
using TikTimer.Delivery.Reporting;
using TikTimer.Delivery.Tests.Infrastructure;

namespace TikTimer.Delivery.Tests.Aws.Platform;

/// <summary>The ECR registry's API side against moto_server.</summary>
[Category("Integration")]
public class EcrImageRegistryAgainstMotoTests
{
    private const string Region = "us-east-1";
    private const string Config = "sha256:b5b2b2c507a0944348e0303114d8d93aaaa081732b86451d9bce1f432a537bc7";
    private const string Manifest = """{"schemaVersion":2,"mediaType":"application/vnd.docker.distribution.manifest.v2+json","config":{"mediaType":"application/vnd.docker.container.image.v1+json","size":7023,"digest":"sha256:b5b2b2c507a0944348e0303114d8d93aaaa081732b86451d9bce1f432a537bc7"},"layers":[{"mediaType":"application/vnd.docker.image.rootfs.diff.tar.gzip","size":1,"digest":"sha256:1111111111111111111111111111111111111111111111111111111111111111"}]}""";

    private MotoServer _moto = null!;
    private AwsClients _aws = null!;
    private RecordingDeliveryLog _log = null!;

    [OneTimeSetUp]
    public async Task StartMoto()
    {
        _moto = await MotoServer.StartAsync();
        _aws = AwsClientFactory.Create(_moto.ClientOptions(Region));
    }

    [OneTimeTearDown]
    public async Task StopMoto()
    {
        _aws?.Dispose();
        if (_moto is not null)
        {
            await _moto.DisposeAsync();
        }
    }

    [SetUp]
    public void NewLog() => _log = new RecordingDeliveryLog();

    [Test]
    public void A_missing_repository_is_an_error_naming_it_and_the_setting_when_creation_is_off()
    {
        var error = Assert.ThrowsAsync<DeliveryException>(() => Registry("tiktimer/absent").EnsureRepositoryAsync());

        Assert.That(error!.Message, Does.Contain($"ECR repository 'tiktimer/absent' does not exist in account {MotoServer.Account}, region {Region}").And.Contain("--create-repository=true"));
    }

    [Test]
    public async Task A_missing_repository_is_created_immutable_when_creation_is_on_and_ensuring_again_is_a_no_op()
    {
        var registry = Registry("tiktimer/created", create: true);

        await registry.EnsureRepositoryAsync();
        await registry.EnsureRepositoryAsync();

        var repository = (await _aws.Ecr.DescribeRepositoriesAsync(new DescribeRepositoriesRequest { RepositoryNames = ["tiktimer/created"] })).Repositories.Single();
        Assert.That(repository.ImageTagMutability, Is.EqualTo("IMMUTABLE"));
        Assert.That(repository.RepositoryUri, Is.EqualTo(registry.Repository));
        Assert.That(_log.Lines.Count(l => l.Contains("created ECR repository", StringComparison.Ordinal)), Is.EqualTo(1));
    }

    [Test]
    public async Task The_login_is_moto_s_decoded_token_for_the_account_s_registry_host()
    {
        var login = await Registry("tiktimer/login").GetLoginAsync();

        Assert.That(login, Is.EqualTo(new RegistryLogin($"{MotoServer.Account}.dkr.ecr.{Region}.amazonaws.com", "AWS", $"{MotoServer.Account}-auth-token")));
    }

    [Test]
    public async Task A_tag_is_found_with_its_digests_and_moved_by_PutImage_once()
    {
        var registry = Registry("tiktimer/tags", create: true, mutability: "MUTABLE");
        await registry.EnsureRepositoryAsync();
        var put = await _aws.Ecr.PutImageAsync(new PutImageRequest("tiktimer/tags", Manifest) { ImageTag = "abc123" });

        var found = await registry.FindImageAsync("abc123");
        await registry.RetagAsync(found!.Digest, "latest");
        await registry.RetagAsync(found.Digest, "latest");
        var latest = await registry.FindImageAsync("latest");

        Assert.That(found, Is.EqualTo(new RemoteImage(put.Image!.ImageId!.ImageDigest!, Config)));
        Assert.That(latest, Is.EqualTo(found));
        Assert.That(await registry.FindImageAsync("missing"), Is.Null);
    }

    private EcrImageRegistry Registry(string repository, bool create = false, string mutability = "IMMUTABLE") =>
        new(_aws.Ecr, new EcrRegistryOptions { RepositoryName = repository, AccountId = MotoServer.Account, Region = Region, CreateRepository = create, TagMutability = mutability }, _log);
}
