using System.Diagnostics;
using System.Text;
using TikTimer.Delivery.Docker;
using TikTimer.Delivery.Images;
using TikTimer.Delivery.Local;
using TikTimer.Delivery.Processes;
using TikTimer.Delivery.Reporting;
using TikTimer.Delivery.Tests.Infrastructure;
using TikTimer.Testing;

namespace TikTimer.Delivery.Tests.Images;

/// <summary>
/// What a <c>kill -9</c> in the middle of a push would leave behind: the files of the docker
/// client's configuration at the moment the push runs, read while it runs.
/// </summary>
[Category("Integration")]
public class CredentialsOnDiskIntegrationTests
{
    private LocalRegistry _registry = null!;
    private TinyImageRepository? _repository;
    private string? _imageId;

    [OneTimeSetUp]
    public async Task StartRegistry()
    {
        DockerEngine.Require();
        LocalRegistry.Require();
        Prerequisite.Require(TinyImageRepository.CanBuild, "busybox-static (/bin/busybox)", "Install it: apt-get install busybox-static");
        _registry = await LocalRegistry.StartAsync();
    }

    [TearDown]
    public async Task CleanUp()
    {
        if (_imageId is not null)
        {
            await DockerEngine.RemoveImagesAsync([_imageId]);
        }

        _repository?.Dispose();
        _repository = null;
    }

    [OneTimeTearDown]
    public async Task StopRegistry()
    {
        if (_registry is not null)
        {
            await _registry.DisposeAsync();
        }
    }

    [Test]
    public async Task No_file_holds_the_registry_credential_while_the_push_runs()
    {
        var log = new RecordingDeliveryLog();
        var runner = new SnapshotAtPush();
        var docker = new DockerCli(runner, log);
        _repository = TinyImageRepository.Create("disk");
        var build = await new ImageBuilder(docker, runner, log).BuildAsync(new ImageBuildOptions { ImageName = "tiktimer-test/disk", Dockerfile = "Dockerfile", RepositoryRoot = _repository.Root });
        _imageId = build.ImageId;
        using var registry = new LocalImageRegistry(_registry.Options("disk"));

        await new ImagePusher(docker, log).PushAsync(ImagePushOptions.From(build), registry);

        var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{_registry.User}:{_registry.Password}"));
        Assert.That(runner.Snapshot, Is.Not.Null, "the push ran with a private DOCKER_CONFIG");
        Assert.That(runner.Snapshot!.Values, Has.None.Contains(_registry.Password).And.None.Contains(basic),
            "files in DOCKER_CONFIG during the push: " + string.Join(", ", runner.Snapshot.Keys));
        Assert.That(Directory.Exists(runner.ConfigDirectory), Is.False, "removed after the push");
    }

    /// <summary>The real runner; when a push starts, copies every file under its DOCKER_CONFIG.</summary>
    private sealed class SnapshotAtPush : IProcessRunner
    {
        private readonly ProcessRunner _inner = new();

        public Dictionary<string, string>? Snapshot { get; private set; }

        public string? ConfigDirectory { get; private set; }

        public Task<ProcessResult> RunAsync(ProcessSpec spec, CancellationToken cancellationToken = default)
        {
            if (spec.Arguments.Contains("push") && spec.Environment.TryGetValue("DOCKER_CONFIG", out var directory) && directory is not null)
            {
                ConfigDirectory = directory;
                Snapshot = Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories).ToDictionary(f => f, File.ReadAllText);
            }

            return _inner.RunAsync(spec, cancellationToken);
        }
    }
}
