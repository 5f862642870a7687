using TikTimer.Delivery.Docker;
using TikTimer.Delivery.Images;
using TikTimer.Delivery.Processes;
using TikTimer.Delivery.Reporting;
using TikTimer.Delivery.Tests.Infrastructure;
using TikTimer.Testing;
using Microsoft.Extensions.Time.Testing;

namespace TikTimer.Delivery.Tests.Images;

[Category("Integration")]
public class ImageBuilderIntegrationTests
{
    private readonly List<string> _images = [];

    [SetUp]
    public void RequireDocker()
    {
        DockerEngine.Require();
        Prerequisite.Require(TinyImageRepository.CanBuild, "busybox-static (/bin/busybox)", "Install it: apt-get install busybox-static");
    }

    [TearDown]
    public Task RemoveImages() => DockerEngine.RemoveImagesAsync(_images);

    [Test]
    public async Task A_clean_commit_is_built_under_its_sha_with_oci_labels()
    {
        using var repository = TinyImageRepository.Create();
        var (builder, docker, log) = Create();

        var result = await BuildAsync(builder, repository, "tiktimer-test/clean");

        var image = await docker.InspectImageAsync(result.LocalReference);
        Assert.That(result.Tag, Is.EqualTo(repository.Commit));
        Assert.That(result.IsDirty, Is.False);
        Assert.That(image!.Id, Is.EqualTo(result.ImageId));
        Assert.That(image.Labels[OciLabels.Revision], Is.EqualTo(repository.Commit));
        Assert.That(image.Labels[OciLabels.Version], Is.EqualTo(repository.Commit));
        Assert.That(log.Text, Does.Contain("Step 1/"), "the docker build output streams into the log");
    }

    [Test]
    public async Task Building_the_same_commit_twice_gives_the_same_image()
    {
        using var repository = TinyImageRepository.Create();
        var (builder, _, _) = Create();

        var first = await BuildAsync(builder, repository, "tiktimer-test/twice");
        var second = await BuildAsync(builder, repository, "tiktimer-test/twice");

        Assert.That(second.ImageId, Is.EqualTo(first.ImageId));
    }

    [Test]
    public async Task A_dirty_tree_is_built_under_a_dirty_tag_and_never_the_bare_sha()
    {
        using var repository = TinyImageRepository.Create();
        repository.MakeDirty();
        var (builder, docker, _) = Create();

        var result = await BuildAsync(builder, repository, "tiktimer-test/dirty");

        Assert.That(result.IsDirty, Is.True);
        Assert.That(result.Tag, Does.StartWith(repository.Commit + "-dirty-"));
        Assert.That(await docker.InspectImageAsync($"tiktimer-test/dirty:{repository.Commit}"), Is.Null);
    }

    [Test]
    public async Task The_version_build_argument_reaches_the_dockerfile()
    {
        using var repository = TinyImageRepository.Create();
        var (builder, docker, _) = Create();

        var result = await BuildAsync(builder, repository, "tiktimer-test/version");

        var run = await docker.RunAsync(new DockerRunSettings(result.ImageId) { Remove = true, Command = ["sh", "-c", "echo $APP_VERSION"] });
        Assert.That(run.OutputLines, Has.Member(repository.Commit));
    }

    private async Task<ImageBuildResult> BuildAsync(ImageBuilder builder, TinyImageRepository repository, string name)
    {
        var result = await builder.BuildAsync(new ImageBuildOptions { ImageName = name, Dockerfile = "Dockerfile", RepositoryRoot = repository.Root });
        _images.Add(result.ImageId);
        return result;
    }

    private static (ImageBuilder Builder, DockerCli Docker, RecordingDeliveryLog Log) Create()
    {
        var log = new RecordingDeliveryLog();
        var runner = new ProcessRunner();
        var docker = new DockerCli(runner, log);
        return (new ImageBuilder(docker, runner, log, new FakeTimeProvider(new DateTimeOffset(2026, 5, 6, 7, 8, 9, TimeSpan.Zero))), docker, log);
    }
}
