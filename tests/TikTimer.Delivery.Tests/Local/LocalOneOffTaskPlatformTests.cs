using System.Security.Cryptography;
using System.Text;
using TikTimer.Delivery.Docker;
using TikTimer.Delivery.Local;
using TikTimer.Delivery.Migrations;
using TikTimer.Delivery.Processes;
using TikTimer.Delivery.Reporting;
using TikTimer.Delivery.Tests.Infrastructure;
using TikTimer.Delivery.Polling;
using TikTimer.Testing;

namespace TikTimer.Delivery.Tests.Local;

/// <summary>The real MigrationRunner driving real containers on the Docker engine, against a scratch PostgreSQL database.</summary>
[Category("Integration")]
[NonParallelizable]
public class LocalOneOffTaskPlatformTests
{
    private LocalTestImages _images = null!;
    private string _family = null!;
    private ScratchDatabase? _database;

    [OneTimeSetUp]
    public async Task BuildImages()
    {
        LocalTestImages.Require();
        _images = await LocalTestImages.BuildAsync();
    }

    [OneTimeTearDown]
    public async Task RemoveImages()
    {
        if (_images is not null)
        {
            await _images.DisposeAsync();
        }
    }

    [SetUp]
    public void NewFamily() => _family = $"tiktimer-test-migration-{Guid.NewGuid():N}"[..40];

    [TearDown]
    public async Task RemoveContainers()
    {
        await TestContainers.RemoveAsync(LocalLabels.Family, _family);
        if (_database is not null)
        {
            await _database.DisposeAsync();
            _database = null;
        }
    }

    [Test]
    public async Task A_migration_that_exits_0_succeeds_with_its_lines_printed_once_each_in_order()
    {
        var (runner, _, log) = Create();

        // Docker timestamps each stream as its own reader gets to it, so lines of the two streams
        // written within microseconds of each other can swap; a second apart they cannot.
        var result = await runner.RunAsync(Spec("echo one; echo two; sleep 1; echo three >&2; sleep 1; echo four; exit 0"));

        Assert.That(result.FinalState.ExitCode, Is.EqualTo(0));
        Assert.That(Printed(log), Is.EqualTo(new[] { "one", "two", "three", "four" }));
    }

    [Test]
    public void A_migration_that_exits_3_fails_with_the_code_and_its_last_lines()
    {
        var (runner, _, log) = Create();

        var error = Assert.ThrowsAsync<MigrationFailedException>(() => runner.RunAsync(Spec("echo one; echo two; exit 3")));

        Assert.That(error!.Verdict.ExitCode, Is.EqualTo(3));
        Assert.That(error.LastLogLines, Is.EqualTo(new[] { "one", "two" }));
        Assert.That(Printed(log), Is.EqualTo(new[] { "one", "two" }));
    }

    [Test]
    public async Task A_migration_that_hangs_past_its_timeout_is_stopped()
    {
        var (runner, _, _) = Create(timeout: TimeSpan.FromSeconds(3));

        var error = Assert.ThrowsAsync<MigrationTimeoutException>(() => runner.RunAsync(Spec("echo waiting for a lock; sleep 600")));

        var container = (await TestContainers.OfFamilyAsync(_family)).Single();
        Assert.That(container.Status, Is.EqualTo("exited"));
        Assert.That(error!.LastLogLines, Is.EqualTo(new[] { "waiting for a lock" }));
    }

    [Test]
    public async Task The_database_url_reaches_the_container_by_environment_and_never_its_arguments_or_the_log()
    {
        _database = await ScratchDatabase.CreateAsync("tiktimer_delivery_test");
        var (runner, _, log) = Create(databaseUrl: _database.Url);

        await runner.RunAsync(Spec(
            """
            printf %s "$DATABASE_URL" | sha256sum | cut -d' ' -f1
            rest="${DATABASE_URL#*@}"; hostport="${rest%%/*}"
            nc -w 3 "${hostport%:*}" "${hostport#*:}" </dev/null && echo "database reachable"
            """));

        var container = (await TestContainers.OfFamilyAsync(_family)).Single();
        var (args, env) = await TestContainers.InspectRawAsync(container.Id);
        Assert.That(Printed(log), Is.EqualTo(new[] { Sha256(_database.Url), "database reachable" }));
        Assert.That(args, Does.Contain("sha256sum").And.Not.Contain(":tiktimer-pw-local@"), "docker inspect Args");
        Assert.That(env, Does.Contain("DATABASE_URL="), "docker keeps container variables in Config.Env: inherent to docker -e");
        Assert.That(log.Text, Does.Not.Contain(":tiktimer-pw-local@"));
    }

    [Test]
    public async Task The_docker_client_never_receives_the_database_url_as_an_argument()
    {
        var arguments = new List<string>();
        var runner = new ProcessRunner(start => arguments.AddRange(start.ArgumentList));
        var log = new RecordingDeliveryLog();
        var platform = new LocalOneOffTaskPlatform(new DockerCli(runner, log), log, Options("postgres://tiktimer:s3cret-pw@127.0.0.1:5432/nowhere"));

        await new MigrationRunner(platform, log, Fast()).RunAsync(Spec("true"));

        Assert.That(arguments, Has.Some.EqualTo("DATABASE_URL"));
        Assert.That(arguments, Has.None.Contains("s3cret-pw"));
    }

    [Test]
    public async Task A_second_migration_of_the_family_is_refused_while_one_runs()
    {
        var (runner, platform, _) = Create();
        var running = await platform.StartAsync(Spec("sleep 600"), CancellationToken.None);

        var error = Assert.ThrowsAsync<MigrationBlockedException>(() => runner.RunAsync(Spec("true")));

        Assert.That(error!.Active.Select(t => t.DisplayName), Is.EqualTo(new[] { running.DisplayName }));
    }

    [Test]
    public async Task Reading_a_busy_container_with_the_cursor_returns_every_line_exactly_once()
    {
        var (_, platform, _) = Create();
        var task = await platform.StartAsync(Spec("i=1; while [ $i -le 300 ]; do echo line $i; i=$((i+1)); done"), CancellationToken.None);

        var read = new List<string>();
        LogCursor? cursor = null;
        OneOffTaskState state;
        do
        {
            state = await platform.DescribeAsync(task, CancellationToken.None);
            var batch = await platform.ReadLogsAsync(task, cursor, CancellationToken.None);
            read.AddRange(batch.Lines.Select(l => l.Message));
            cursor = batch.Next ?? cursor;
        }
        while (state.Status != OneOffTaskStatus.Stopped);

        var last = await platform.ReadLogsAsync(task, cursor, CancellationToken.None);
        read.AddRange(last.Lines.Select(l => l.Message));
        Assert.That(read, Is.EqualTo(Enumerable.Range(1, 300).Select(i => $"line {i}")));
    }

    [Test]
    public async Task A_container_with_no_logs_yet_gives_an_empty_batch_and_no_cursor()
    {
        var (_, platform, _) = Create();
        var task = await platform.StartAsync(Spec("sleep 600"), CancellationToken.None);

        var batch = await platform.ReadLogsAsync(task, null, CancellationToken.None);

        Assert.That(batch.Lines, Is.Empty);
        Assert.That(batch.Next, Is.Null);
    }

    [Test]
    public async Task Stopping_a_task_twice_is_not_an_error()
    {
        var (_, platform, _) = Create();
        var task = await platform.StartAsync(Spec("sleep 600"), CancellationToken.None);

        await platform.StopAsync(task, "test", CancellationToken.None);
        await platform.StopAsync(task, "test again", CancellationToken.None);

        Assert.That((await platform.DescribeAsync(task, CancellationToken.None)).Status, Is.EqualTo(OneOffTaskStatus.Stopped));
    }

    [Test]
    public void An_image_that_does_not_exist_fails_to_start_naming_the_image()
    {
        var (runner, _, _) = Create();

        var error = Assert.ThrowsAsync<DeliveryException>(() => runner.RunAsync(Spec("true") with { Image = "tiktimer-localplat-test/missing:none" }));

        Assert.That(error!.Message, Does.Contain("MigrateViaEcs").And.Contain("tiktimer-localplat-test/missing:none"));
    }

    [Test]
    public async Task Starting_a_task_removes_stopped_containers_of_the_family_beyond_the_ones_kept()
    {
        var log = new RecordingDeliveryLog();
        var platform = new LocalOneOffTaskPlatform(new DockerCli(new ProcessRunner(), log), log, Options(null) with { KeepStoppedContainers = 1 });
        var runner = new MigrationRunner(platform, log, Fast());
        await runner.RunAsync(Spec("true"));
        await runner.RunAsync(Spec("true"));
        await runner.RunAsync(Spec("true"));

        Assert.That(await TestContainers.OfFamilyAsync(_family), Has.Count.EqualTo(2), "the one kept and the latest");
    }

    private (MigrationRunner Runner, LocalOneOffTaskPlatform Platform, RecordingDeliveryLog Log) Create(TimeSpan? timeout = null, string? databaseUrl = null)
    {
        var log = new RecordingDeliveryLog();
        var platform = new LocalOneOffTaskPlatform(new DockerCli(new ProcessRunner(), log), log, Options(databaseUrl));
        var options = Fast() with { Timeout = timeout ?? TimeSpan.FromSeconds(60) };
        return (new MigrationRunner(platform, log, options), platform, log);
    }

    private static LocalOneOffTaskOptions Options(string? databaseUrl) =>
        new() { ContainerNamePrefix = "tiktimer-test-migrate", DatabaseUrl = databaseUrl, StopGrace = TimeSpan.FromSeconds(1) };

    private static MigrationOptions Fast() => new()
    {
        Timeout = TimeSpan.FromSeconds(60),
        Polling = AdaptivePollingSchedule.Default with { QuickInterval = TimeSpan.FromMilliseconds(200) },
        LogPollInterval = TimeSpan.FromMilliseconds(200),
        LogGracePeriod = TimeSpan.FromMilliseconds(200),
        StopTimeout = TimeSpan.FromSeconds(10),
    };

    private OneOffTaskSpec Spec(string script) => new(_family, _images.Task, [script]);

    /// <summary>The container's own lines, as MigrationRunner prints them (<c>  [name] line</c>).</summary>
    private static string[] Printed(RecordingDeliveryLog log) =>
        [.. log.Lines.Where(l => l.StartsWith("  [tiktimer-test-migrate-", StringComparison.Ordinal)).Select(l => l[(l.IndexOf(']', StringComparison.Ordinal) + 2)..])];

    private static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
