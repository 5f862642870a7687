using System.Net;
using System.Net.Sockets;
using TikTimer.Delivery.Docker;
using TikTimer.Delivery.Local;
using TikTimer.Delivery.Migrations;
using TikTimer.Delivery.Plan;
using TikTimer.Delivery.Polling;
using TikTimer.Delivery.Processes;
using TikTimer.Delivery.Records;
using TikTimer.Delivery.Reporting;
using TikTimer.Delivery.Rollout;

namespace TikTimer.Delivery.Tests.Local;

/// <summary>Plan's reads on the real Docker engine: a service rolled out by the real DeployRunner on free ports, a real listing container.</summary>
[Category("Integration")]
public class LocalPlanReaderTests
{
    private LocalTestImages _images = null!;
    private HttpClient _http = null!;
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
    }

    [OneTimeTearDown]
    public async Task RemoveImages()
    {
        _http?.Dispose();
        if (_images is not null)
        {
            await _images.DisposeAsync();
        }
    }

    [SetUp]
    public void NewNames()
    {
        var suffix = Guid.NewGuid().ToString("N")[..10];
        _service = $"plan-{suffix}";
        _family = $"plan-mig-{suffix}";
        _records = Path.Combine(Path.GetTempPath(), $"tiktimer-plan-records-{suffix}");
        var ports = new HashSet<int>();
        while (ports.Count < 2)
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            ports.Add(((IPEndPoint)listener.LocalEndpoint).Port);
        }

        _ports = [.. ports];
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
    public async Task The_next_container_differs_from_the_serving_one_in_its_image_and_port_and_nothing_is_started()
    {
        var (runner, reader) = Create();
        var serving = (await runner.DeployAsync([new ServiceRolloutRequest(_service, "api", _images.Healthy)])).Rollouts.Single();
        var before = await TestContainers.OfServiceAsync(_service);

        var revision = (await reader.ServiceRevisionAsync(_service, "api", _images.Sick, CancellationToken.None)).ToRevision();

        var servingPort = before.Single().Labels[LocalLabels.Port];
        var nextPort = _ports.Single(p => p.ToString(System.Globalization.CultureInfo.InvariantCulture) != servingPort);
        Assert.That(revision.Current, Is.EqualTo(serving.RevisionId));
        Assert.That(revision.Changes, Is.True);
        Assert.That(revision.Diff.Where(l => l[0] is '-' or '+'), Is.EquivalentTo(new[]
        {
            $"-  \"image\": \"{_images.Healthy}\",",
            $"+  \"image\": \"{_images.Sick}\",",
            $"-  \"port\": {servingPort}",
            $"+  \"port\": {nextPort}",
        }));
        Assert.That((await TestContainers.OfServiceAsync(_service)).Select(c => c.Id), Is.EqualTo(before.Select(c => c.Id)), "no container started");
    }

    [Test]
    public async Task With_nothing_serving_the_next_container_is_all_new()
    {
        var (_, reader) = Create();

        var revision = (await reader.ServiceRevisionAsync(_service, "api", _images.Healthy, CancellationToken.None)).ToRevision();

        Assert.That(revision.Current, Is.Null);
        Assert.That(revision.Diff.Skip(1), Is.All.StartWith("+"));
    }

    [Test]
    public async Task The_migration_revision_compares_with_the_familys_last_container()
    {
        var (_, reader) = Create();
        await Docker().RunAsync(new DockerRunSettings(_images.Task)
        {
            Name = $"{_family}-1",
            Labels = new Dictionary<string, string> { [LocalLabels.Family] = _family },
            Command = ["exit 0"],
        });

        var revision = (await reader.MigrationRevisionAsync(new OneOffTaskSpec(_family, _images.Sick, ["migrate"]), CancellationToken.None)).ToRevision();

        Assert.That(revision.Current, Is.EqualTo($"{_family}-1"));
        Assert.That(revision.Diff.Where(l => l[0] is '-' or '+'), Is.EqualTo(new[] { $"-  \"image\": \"{_images.Task}\"", $"+  \"image\": \"{_images.Sick}\"" }));
    }

    [Test]
    public async Task The_pending_migrations_are_the_listing_commands_output_and_its_container_is_gone()
    {
        var (_, reader) = Create(databaseUrl: "postgres://app:s3cret-pw@127.0.0.1:5432/app");
        var before = await Docker().PsAsync(new Dictionary<string, string> { [LocalLabels.StartedBy] = OneOffTaskSpec.SuiteMarker });

        var pending = await reader.PendingMigrationsAsync(_images.Task, ["echo \"Would apply 0003_posts\"; test -n \"$DATABASE_URL\""], CancellationToken.None);

        Assert.That(pending.Listed, Is.True);
        Assert.That(pending.ExitCode, Is.Zero, "the database URL reached the container");
        Assert.That(pending.Output, Is.EqualTo(new[] { "Would apply 0003_posts" }));
        var after = await Docker().PsAsync(new Dictionary<string, string> { [LocalLabels.StartedBy] = OneOffTaskSpec.SuiteMarker });
        // Only containers of this test's image: other test projects start suite containers meanwhile.
        Assert.That(
            after.Where(c => c.Image == _images.Task).Select(c => c.Id),
            Is.SubsetOf(before.Where(c => c.Image == _images.Task).Select(c => c.Id)),
            "the listing container was removed");
    }

    [Test]
    public async Task An_image_the_engine_does_not_have_is_not_pulled_to_list_migrations()
    {
        var (_, reader) = Create();
        var missing = $"127.0.0.1:5000/tiktimer-plan-missing@sha256:{new string('0', 64)}";

        var pending = await reader.PendingMigrationsAsync(missing, ["migrate", "--dry-run"], CancellationToken.None);

        Assert.That(pending.Listed, Is.False);
        Assert.That(pending.Note, Does.Contain("Plan pulls nothing"));
        Assert.That(await Docker().InspectImageAsync(missing), Is.Null);
    }

    private static DockerCli Docker() => new(new ProcessRunner(), new RecordingDeliveryLog());

    private (DeployRunner Runner, LocalPlanReader Reader) Create(string? databaseUrl = null)
    {
        var log = new RecordingDeliveryLog();
        var docker = new DockerCli(new ProcessRunner(), log);
        var options = new LocalServiceOptions
        {
            Ports = _ports,
            ContainerNamePrefix = "tiktimer-plan-test",
            HealthGrace = TimeSpan.FromSeconds(4),
            StopGrace = TimeSpan.FromSeconds(1),
            DatabaseUrl = databaseUrl,
        };
        var platform = new LocalServiceRolloutPlatform(docker, log, _http, options);
        var rollout = new RolloutOptions
        {
            Timeout = TimeSpan.FromSeconds(30),
            RollbackTimeout = TimeSpan.FromSeconds(30),
            Polling = AdaptivePollingSchedule.Default with { QuickInterval = TimeSpan.FromMilliseconds(250) },
        };
        var reader = new LocalPlanReader(docker, new LocalServiceLocator(docker, _http, options), options, new DeliveryRecordStore(_records), "plan-test");
        return (new DeployRunner(platform, log, rollout), reader);
    }
}
