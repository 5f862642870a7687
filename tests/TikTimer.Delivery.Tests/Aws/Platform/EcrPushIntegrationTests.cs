using System.Net.Http.Headers;
using System.Text;
using TikTimer.Delivery.Aws;
using TikTimer.Delivery.Aws.Ecr;
using TikTimer.Delivery.Aws.Platform;
using TikTimer.Delivery.Docker;
using TikTimer.Delivery.Images;
using TikTimer.Delivery.Local;
using TikTimer.Delivery.Reporting;
using TikTimer.Delivery.Tests.Infrastructure;
using TikTimer.Testing;

namespace TikTimer.Delivery.Tests.Aws.Platform;

/// <summary>
/// PushToEcr on the ECR path for real: the API side (repository, token, tag lookups) on moto,
/// the push side a real docker login + push to a local registry that accepts the credentials
/// moto's token decodes to (issue 4).
/// </summary>
[Category("Integration")]
public class EcrPushIntegrationTests
{
    private const string Region = "us-east-1";
    private const string Repository = "tiktimer";
    private static readonly string TokenPassword = $"{MotoServer.Account}-auth-token";

    private readonly List<string> _images = [];
    private MotoServer _moto = null!;
    private AwsClients _aws = null!;
    private LocalRegistry _registry = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        DockerEngine.Require();
        LocalRegistry.Require();
        Prerequisite.Require(TinyImageRepository.CanBuild, "busybox-static (/bin/busybox)", "Install it: apt-get install busybox-static");
        _moto = await MotoServer.StartAsync();
        _aws = AwsClientFactory.Create(_moto.ClientOptions(Region));
        _registry = await LocalRegistry.StartAsync("AWS", TokenPassword);
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        await DockerEngine.RemoveImagesAsync(_images);
        _aws?.Dispose();
        if (_registry is not null)
        {
            await _registry.DisposeAsync();
        }

        if (_moto is not null)
        {
            await _moto.DisposeAsync();
        }
    }

    [Test]
    public async Task The_image_is_pushed_with_the_ECR_token_to_the_repository_ECR_created_and_its_digest_recorded()
    {
        var log = new RecordingDeliveryLog();
        var runner = new ObservingProcessRunner();
        var docker = new DockerCli(runner, log);
        using var source = TinyImageRepository.Create("ecr");
        var build = await new ImageBuilder(docker, runner, log).BuildAsync(new ImageBuildOptions
        {
            ImageName = "tiktimer-test/ecr-push",
            Dockerfile = "Dockerfile",
            RepositoryRoot = source.Root,
        });
        _images.Add(build.ImageId);
        var ecr = new EcrImageRegistry(
            _aws.Ecr,
            new EcrRegistryOptions { RepositoryName = Repository, AccountId = MotoServer.Account, Region = Region, CreateRepository = true, RegistryAddress = _registry.Address },
            log);
        using var mirror = new PushLandsInEcr(ecr, _aws.Ecr, _registry);

        var result = await new ImagePusher(docker, log).PushAsync(ImagePushOptions.From(build), mirror);

        using var direct = new LocalImageRegistry(_registry.Options(Repository));
        var inRegistry = (await direct.FindImageAsync(build.Tag))!.Digest;
        var push = runner.Started.Single(s => s.ArgumentList.Contains("push"));
        Assert.That(result.Pushed, Is.True);
        Assert.That(result.Digest, Is.EqualTo(inRegistry));
        Assert.That(result.DigestReference, Is.EqualTo($"{_registry.Address}/{Repository}@{inRegistry}"));
        Assert.That(push.Environment[DockerCredentialScope.CredentialVariable], Does.Contain($"\"ServerURL\":\"{_registry.Address}\"").And.Contain("\"Username\":\"AWS\""), "the push authenticates with the ECR token's user, through the credential helper");
        Assert.That(runner.Started.SelectMany(s => s.ArgumentList), Has.None.Contains(TokenPassword));
        Assert.That(log.Text, Does.Not.Contain(TokenPassword));
        Assert.That((await _aws.Ecr.DescribeRepositoriesAsync(new DescribeRepositoriesRequest { RepositoryNames = [Repository] })).Repositories, Has.Count.EqualTo(1));
    }

    /// <summary>
    /// Stands in for ECR receiving the push: before each tag lookup, whatever the local
    /// registry holds under the tag is put into moto with its real digest, as ECR would
    /// hold it after <c>docker push</c>. Everything else goes to the ECR registry unchanged.
    /// </summary>
    private sealed class PushLandsInEcr(IImageRegistry ecr, IEcrApi api, LocalRegistry registry) : IImageRegistry, IDisposable
    {
        private readonly HttpClient _http = new()
        {
            BaseAddress = new Uri($"http://{registry.Address}/"),
            DefaultRequestHeaders = { Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{registry.User}:{registry.Password}"))) },
        };

        public string Repository => ecr.Repository;

        public Task EnsureRepositoryAsync(CancellationToken cancellationToken = default) => ecr.EnsureRepositoryAsync(cancellationToken);

        public Task<RegistryLogin> GetLoginAsync(CancellationToken cancellationToken = default) => ecr.GetLoginAsync(cancellationToken);

        public async Task<RemoteImage?> FindImageAsync(string tag, CancellationToken cancellationToken = default)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"v2/{EcrPushIntegrationTests.Repository}/manifests/{tag}");
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/vnd.docker.distribution.manifest.v2+json"));
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/vnd.oci.image.manifest.v1+json"));
            using var response = await _http.SendAsync(request, cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                var manifest = await response.Content.ReadAsStringAsync(cancellationToken);
                var digest = response.Headers.GetValues("Docker-Content-Digest").Single();
                try
                {
                    await api.PutImageAsync(new PutImageRequest(EcrPushIntegrationTests.Repository, manifest) { ImageTag = tag, ImageDigest = digest }, cancellationToken);
                }
                catch (AwsServiceException error) when (error.ErrorCode == "ImageAlreadyExistsException")
                {
                }
            }

            return await ecr.FindImageAsync(tag, cancellationToken);
        }

        public Task RetagAsync(string digest, string tag, CancellationToken cancellationToken = default) => ecr.RetagAsync(digest, tag, cancellationToken);

        public void Dispose() => _http.Dispose();
    }
}
