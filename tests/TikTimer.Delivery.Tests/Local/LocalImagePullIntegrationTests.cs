using TikTimer.Delivery.Docker;
using TikTimer.Delivery.Images;
using TikTimer.Delivery.Local;
using TikTimer.Delivery.Migrations;
using TikTimer.Delivery.Processes;
using TikTimer.Delivery.Reporting;
using TikTimer.Delivery.Tests.Infrastructure;
using TikTimer.Testing;

namespace TikTimer.Delivery.Tests.Local;

/// <summary>
/// A later step given a pushed image the engine does not have (a reused commit image, an
/// exclusive step with --image): the migration pulls it with the registry's credentials.
/// Real Docker engine, real registry with htpasswd auth.
/// </summary>
[Category("Integration")]
[NonParallelizable]
public class LocalImagePullIntegrationTests
{
    private LocalRegistry _registry = null!;
    private TinyImageRepository? _repository;
    private string _family = null!;
    private string? _pushed;

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

    [SetUp]
    public async Task PushAnImageTheEngineThenForgets()
    {
        _family = $"tiktimer-test-pull-{Guid.NewGuid():N}"[..32];
        var log = new RecordingDeliveryLog();
        var docker = new DockerCli(new ProcessRunner(), log);
        _repository = TinyImageRepository.Create("pull-" + _family);
        var build = await new ImageBuilder(docker, new ProcessRunner(), log).BuildAsync(new ImageBuildOptions { ImageName = "tiktimer-test/pull", Dockerfile = "Dockerfile", RepositoryRoot = _repository.Root });
        using var registry = new LocalImageRegistry(_registry.Options("pull"));
        _pushed = (await new ImagePusher(docker, log).PushAsync(ImagePushOptions.From(build), registry)).DigestReference;
        await docker.RemoveImageAsync(build.ImageId, force: true);
    }

    [TearDown]
    public async Task CleanUp()
    {
        await TestContainers.RemoveAsync(LocalLabels.Family, _family);
        if (_pushed is not null)
        {
            await DockerEngine.RemoveImagesAsync([_pushed]);
        }

        _repository?.Dispose();
        _repository = null;
    }

    [Test]
    public void Without_the_registry_credentials_the_engine_cannot_pull_the_image()
    {
        var docker = new DockerCli(new ProcessRunner(), new RecordingDeliveryLog());

        var error = Assert.ThrowsAsync<ProcessFailedException>(() => docker.PullAsync(_pushed!));

        Assert.That(error!.Result.Error, Does.Contain("no basic auth credentials"));
    }

    [Test]
    public async Task A_migration_of_a_pushed_image_the_engine_lacks_pulls_it_with_the_registry_credentials_and_runs()
    {
        var log = new RecordingDeliveryLog();
        var docker = new DockerCli(new ProcessRunner(), log);
        using var registry = new LocalImageRegistry(_registry.Options("pull"));
        var puller = new LocalImagePuller(docker, log, registry.GetLoginAsync);
        var platform = new LocalOneOffTaskPlatform(docker, log, new LocalOneOffTaskOptions(), puller);

        var result = await new MigrationRunner(platform, log).RunAsync(new OneOffTaskSpec(_family, _pushed!, ["true"]));

        Assert.That(result.FinalState.ExitCode, Is.EqualTo(0), log.Text);
        Assert.That(log.Text, Does.Contain("is not in the local engine; pulling it"));
        Assert.That(log.Text, Does.Not.Contain(_registry.Password));
    }
}
