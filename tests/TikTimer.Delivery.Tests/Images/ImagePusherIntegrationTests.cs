using TikTimer.Delivery.Docker;
using TikTimer.Delivery.Images;
using TikTimer.Delivery.Local;
using TikTimer.Delivery.Reporting;
using TikTimer.Delivery.Tests.Infrastructure;
using TikTimer.Testing;

namespace TikTimer.Delivery.Tests.Images;

/// <summary>BuildImage then PushToEcr against a real Docker engine and a real registry with htpasswd auth.</summary>
[Category("Integration")]
public class ImagePusherIntegrationTests
{
    private readonly List<string> _images = [];
    private readonly List<TinyImageRepository> _repositories = [];
    private LocalRegistry _registry = null!;

    [OneTimeSetUp]
    public async Task StartRegistry()
    {
        DockerEngine.Require();
        LocalRegistry.Require();
        Prerequisite.Require(TinyImageRepository.CanBuild, "busybox-static (/bin/busybox)", "Install it: apt-get install busybox-static");
        _registry = await LocalRegistry.StartAsync();
    }

    [OneTimeTearDown]
    public async Task StopRegistry()
    {
        if (_registry is not null)
        {
            await _registry.DisposeAsync();
        }
    }

    [TearDown]
    public async Task CleanUp()
    {
        await DockerEngine.RemoveImagesAsync(_images);
        _repositories.ForEach(r => r.Dispose());
        _repositories.Clear();
    }

    [Test]
    public async Task A_new_tag_is_pushed_and_its_digest_is_the_registry_manifest_digest()
    {
        var (context, registry) = Arrange("first");
        var build = await BuildAsync(context, "a");

        var result = await context.Pusher.PushAsync(ImagePushOptions.From(build), registry);

        var stored = await registry.FindImageAsync(build.Tag);
        Assert.That(result.Pushed, Is.True);
        Assert.That(result.Digest, Does.Match("^sha256:[0-9a-f]{64}$"));
        Assert.That(result.Digest, Is.EqualTo(stored!.Digest));
        Assert.That(result.DigestReference, Is.EqualTo($"{_registry.Address}/first@{result.Digest}"));
    }

    [Test]
    public async Task A_second_run_finds_the_tag_already_pushed_and_skips()
    {
        var (context, registry) = Arrange("rerun");
        var build = await BuildAsync(context, "a");
        var first = await context.Pusher.PushAsync(ImagePushOptions.From(build), registry);
        var rebuilt = await BuildAsync(context, "a", reuseRepository: true);

        var second = await context.Pusher.PushAsync(ImagePushOptions.From(rebuilt), registry);

        Assert.That(second.Pushed, Is.False);
        Assert.That(second.Digest, Is.EqualTo(first.Digest));
        Assert.That(context.Log.Text, Does.Contain("already holds this image"));
    }

    [Test]
    public async Task A_different_image_under_an_existing_tag_fails_naming_the_repository_and_tag()
    {
        var (context, registry) = Arrange("conflict");
        var build = await BuildAsync(context, "a");
        await context.Pusher.PushAsync(ImagePushOptions.From(build), registry);
        var other = await BuildAsync(context, "b");

        var error = Assert.ThrowsAsync<DeliveryException>(() => context.Pusher.PushAsync(new ImagePushOptions(other.ImageId, build.Tag), registry));

        Assert.That(error.Message, Does.StartWith("PushToEcr:").And.Contain($"{registry.Repository}:{build.Tag}").And.Contain("different image"));
        Assert.That((await registry.FindImageAsync(build.Tag))!.ConfigDigest, Is.EqualTo(build.ImageId), "the registry still holds the first image");
    }

    [Test]
    public async Task The_password_never_appears_in_output_arguments_or_any_environment_variable_but_the_credential_helpers()
    {
        var (context, registry) = Arrange("secret");
        var build = await BuildAsync(context, "a");

        await context.Pusher.PushAsync(ImagePushOptions.From(build), registry);

        Assert.That(context.Runner.Started.Where(s => s.ArgumentList.Contains("login")), Is.Empty, "no docker login: it would write the credential to disk");
        Assert.That(context.Runner.Started.SelectMany(s => s.ArgumentList), Has.None.Contains(_registry.Password));
        Assert.That(
            context.Runner.Started.SelectMany(s => s.Environment.Where(v => v.Key != DockerCredentialScope.CredentialVariable).Select(v => v.Value)),
            Has.None.Contains(_registry.Password));
        Assert.That(context.Runner.RawLines, Has.None.Contains(_registry.Password));
        Assert.That(context.Log.Text, Does.Not.Contain(_registry.Password));
    }

    [Test]
    public async Task The_push_uses_a_temporary_docker_config_that_is_removed_and_the_user_config_is_untouched()
    {
        var userConfig = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".docker", "config.json");
        var before = File.Exists(userConfig) ? await File.ReadAllTextAsync(userConfig) : null;
        var (context, registry) = Arrange("config");
        var build = await BuildAsync(context, "a");

        await context.Pusher.PushAsync(ImagePushOptions.From(build), registry);

        var configDirectories = context.Runner.Started
            .Where(s => s.ArgumentList.Contains("push"))
            .Select(s => s.Environment["DOCKER_CONFIG"])
            .Distinct()
            .ToList();
        Assert.That(configDirectories, Has.Count.EqualTo(1));
        Assert.That(configDirectories[0], Does.StartWith(Path.GetTempPath()));
        Assert.That(Directory.Exists(configDirectories[0]), Is.False);
        var after = File.Exists(userConfig) ? await File.ReadAllTextAsync(userConfig) : null;
        Assert.That(after, Is.EqualTo(before));
    }

    [Test]
    public async Task An_extra_tag_is_moved_to_each_new_digest_without_a_push()
    {
        var (context, registry) = Arrange("mutable");
        var first = await BuildAsync(context, "a", extraTags: ["latest"]);
        var firstPush = await context.Pusher.PushAsync(ImagePushOptions.From(first), registry);
        var second = await BuildAsync(context, "b", extraTags: ["latest"]);

        var secondPush = await context.Pusher.PushAsync(ImagePushOptions.From(second), registry);

        Assert.That(firstPush.MovedTags, Is.EqualTo(new[] { "latest" }));
        Assert.That(secondPush.MovedTags, Is.EqualTo(new[] { "latest" }));
        Assert.That((await registry.FindImageAsync("latest"))!.Digest, Is.EqualTo(secondPush.Digest));
        Assert.That(context.Runner.Started.Where(s => s.ArgumentList.Contains("push")).Select(s => s.ArgumentList.Last()), Has.None.EndsWith(":latest"));
    }

    [Test]
    public async Task Wrong_credentials_are_reported_before_anything_is_pushed()
    {
        var (context, _) = Arrange("denied");
        using var registry = new LocalImageRegistry(_registry.Options("denied") with { Password = "wrong-password" });
        var build = await BuildAsync(context, "a");

        var error = Assert.ThrowsAsync<DeliveryException>(() => context.Pusher.PushAsync(ImagePushOptions.From(build), registry));

        Assert.That(error.Message, Does.Contain("rejected the credentials").And.Contain(LocalRegistry.Username));
        Assert.That(context.Runner.Started.Where(s => s.ArgumentList.Contains("push")), Is.Empty);
    }

    private (TestContext Context, LocalImageRegistry Registry) Arrange(string repository)
    {
        var log = new RecordingDeliveryLog();
        var runner = new ObservingProcessRunner();
        var docker = new DockerCli(runner, log);
        var context = new TestContext(runner, log, new ImageBuilder(docker, runner, log), new ImagePusher(docker, log));
        var registry = new LocalImageRegistry(_registry.Options(repository));
        return (context, registry);
    }

    private async Task<ImageBuildResult> BuildAsync(TestContext context, string variant, bool reuseRepository = false, IReadOnlyList<string>? extraTags = null)
    {
        var repository = reuseRepository ? _repositories[^1] : TinyImageRepository.Create(variant);
        if (!reuseRepository)
        {
            _repositories.Add(repository);
        }

        var result = await context.Builder.BuildAsync(new ImageBuildOptions
        {
            ImageName = "tiktimer-test/push",
            Dockerfile = "Dockerfile",
            RepositoryRoot = repository.Root,
            ExtraTags = extraTags ?? [],
        });
        _images.Add(result.ImageId);
        return result;
    }

    private sealed record TestContext(ObservingProcessRunner Runner, RecordingDeliveryLog Log, ImageBuilder Builder, ImagePusher Pusher);
}
