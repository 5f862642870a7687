using System.Net;
using System.Net.Sockets;
using TikTimer.Delivery.Docker;
using TikTimer.Delivery.Images;
using TikTimer.Delivery.Local;
using TikTimer.Delivery.Polling;
using TikTimer.Delivery.Processes;
using TikTimer.Delivery.Records;
using TikTimer.Delivery.Reporting;
using TikTimer.Delivery.Rollout;
using TikTimer.Delivery.Status;
using TikTimer.Delivery.Tests.Infrastructure;
using TikTimer.Delivery.Tests.Records;

namespace TikTimer.Delivery.Tests.Local;

/// <summary>Status on the real Docker engine: services rolled out by the real DeployRunner on free ports, a real migration container.</summary>
[Category("Integration")]
public class LocalStatusReaderTests
{
    private const string Commit = "0123456789abcdef0123456789abcdef01234567";

    private LocalTestImages _images = null!;
    private HttpClient _http = null!;
    private string _labelled = null!;
    private string _service = null!;
    private string _family = null!;
    private string _records = null!;
    private int[] _ports = null!;

    [OneTimeSetUp]
    public async Task BuildImages()
    {
        LocalTestImages.Require();
        _http = new HttpClient();
        _images = await LocalTestImages.BuildAsync();
        // The chain labels every image with its commit; the status must read it back from the engine.
        var context = Directory.CreateTempSubdirectory("tiktimer-status-");
        try
        {
            await File.WriteAllTextAsync(Path.Combine(context.FullName, "Dockerfile"), $"FROM {_images.Healthy}\n");
            _labelled = $"tiktimer-status-test/labelled:{Guid.NewGuid():N}"[..48];
            await Docker().BuildAsync(
                new DockerBuildSettings { Tags = [_labelled], Labels = new Dictionary<string, string> { [OciLabels.Revision] = Commit } },
                context.FullName);
        }
        finally
        {
            context.Delete(recursive: true);
        }
    }

    [OneTimeTearDown]
    public async Task RemoveImages()
    {
        _http?.Dispose();
        if (_labelled is not null)
        {
            await DockerEngine.RemoveImagesAsync([_labelled]);
        }

        if (_images is not null)
        {
            await _images.DisposeAsync();
        }
    }

    [SetUp]
    public void NewNames()
    {
        var suffix = Guid.NewGuid().ToString("N")[..10];
        _service = $"status-{suffix}";
        _family = $"status-mig-{suffix}";
        _records = Path.Combine(Path.GetTempPath(), $"tiktimer-status-records-{suffix}");
        var blue = FreePort();
        var green = FreePort();
        while (green == blue)
        {
            green = FreePort();
        }

        _ports = [blue, green];
    }

    [TearDown]
    public async Task RemoveContainers()
    {
        await TestContainers.RemoveAsync(LocalLabels.Service, _service);
        await TestContainers.RemoveAsync(LocalLabels.Family, _family);
        if (Directory.Exists(_records))
        {
            Directory.Delete(_records, recursive: true);
        }
    }

    [Test]
    public async Task A_deployed_service_reports_its_container_image_commit_and_counts_and_matches_the_recorded_delivery()
    {
        var (runner, reader) = Create();
        await runner.DeployAsync([new ServiceRolloutRequest(_service, "api", _images.Healthy)]);
        var second = (await runner.DeployAsync([new ServiceRolloutRequest(_service, "api", _labelled)])).Rollouts.Single();
        var store = new DeliveryRecordStore(_records);
        store.Write(DeliveryRecordStoreTests.Record("status-test", DateTimeOffset.UtcNow, succeeded: true, _labelled) with { Digest = null });

        var report = await new StatusQuery(reader, store).RunAsync("status-test", [_service], _family, CancellationToken.None);

        var status = report.Services.Single();
        Assert.That(status.Revision, Is.EqualTo(second.RevisionId));
        Assert.That(status.Image, Is.EqualTo(_labelled));
        Assert.That(status.Commit, Is.EqualTo(Commit));
        Assert.That((status.RunningCount, status.DesiredCount), Is.EqualTo((1, 1)));
        Assert.That(status.InProgress, Is.Empty);
        Assert.That(report.MatchesLastDelivery(status), Is.True);
        Assert.That(report.LastMigration, Is.Null, "no task of this family ran");
        Assert.That(report.Lines(), Has.Some.Contains("serves the image of the last successful delivery"));
    }

    [Test]
    public async Task A_service_serving_another_image_than_the_last_delivery_is_reported_as_different()
    {
        var (runner, reader) = Create();
        await runner.DeployAsync([new ServiceRolloutRequest(_service, "api", _images.Healthy)]);
        var store = new DeliveryRecordStore(_records);
        store.Write(DeliveryRecordStoreTests.Record("status-test", DateTimeOffset.UtcNow, succeeded: true, _labelled) with { Digest = null });

        var report = await new StatusQuery(reader, store).RunAsync("status-test", [_service], _family, CancellationToken.None);

        Assert.That(report.MatchesLastDelivery(report.Services.Single()), Is.False);
        Assert.That(report.Services.Single().Commit, Is.Null, "that image carries no revision label");
        Assert.That(StatusQuery.Json(report), Does.Contain("\"matchesLastDelivery\": false"));
    }

    [Test]
    public async Task The_last_migration_task_of_the_family_is_reported_with_its_exit_code()
    {
        var (_, reader) = Create();
        var docker = Docker();
        await docker.RunAsync(new DockerRunSettings(_images.Task)
        {
            Name = $"{_family}-1",
            Labels = new Dictionary<string, string> { [LocalLabels.Family] = _family },
            Command = ["exit 0"],
        });
        await docker.RunAsync(new DockerRunSettings(_images.Task)
        {
            Name = $"{_family}-2",
            Labels = new Dictionary<string, string> { [LocalLabels.Family] = _family },
            Command = ["exit 3"],
        });

        var last = await reader.LastOneOffTaskAsync(_family, CancellationToken.None);

        Assert.That(last, Is.Not.Null);
        Assert.That(last!.TaskId, Is.EqualTo($"{_family}-2"));
        Assert.That(last.ExitCode, Is.EqualTo(3));
        Assert.That(last.State, Is.EqualTo("exited"));
        Assert.That(last.At, Is.Not.Null);
    }

    [Test]
    public async Task A_service_that_was_never_deployed_has_nothing_serving()
    {
        var (_, reader) = Create();

        var status = await reader.ServiceAsync(_service, CancellationToken.None);

        Assert.That(status.Revision, Is.Null);
        Assert.That((status.RunningCount, status.DesiredCount), Is.EqualTo((0, 0)));
    }

    private static DockerCli Docker() => new(new ProcessRunner(), new RecordingDeliveryLog());

    private (DeployRunner Runner, LocalStatusReader Reader) Create()
    {
        var log = new RecordingDeliveryLog();
        var docker = new DockerCli(new ProcessRunner(), log);
        var options = new LocalServiceOptions
        {
            Ports = _ports,
            ContainerNamePrefix = "tiktimer-status-test",
            HealthGrace = TimeSpan.FromSeconds(4),
            StopGrace = TimeSpan.FromSeconds(1),
        };
        var platform = new LocalServiceRolloutPlatform(docker, log, _http, options);
        var rollout = new RolloutOptions
        {
            Timeout = TimeSpan.FromSeconds(30),
            RollbackTimeout = TimeSpan.FromSeconds(30),
            Polling = AdaptivePollingSchedule.Default with { QuickInterval = TimeSpan.FromMilliseconds(250) },
        };
        return (new DeployRunner(platform, log, rollout), new LocalStatusReader(docker, new LocalServiceLocator(docker, _http, options)));
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
