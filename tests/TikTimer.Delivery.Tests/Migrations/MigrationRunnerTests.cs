using Microsoft.Extensions.Time.Testing;
using TikTimer.Delivery.Migrations;
using TikTimer.Delivery.Reporting;
using TikTimer.Delivery.Tests.Fakes;

namespace TikTimer.Delivery.Tests.Migrations;

public partial class MigrationRunnerTests
{
    private static readonly OneOffTaskSpec Spec = new("TikTimer-dev-migration", "123.dkr.ecr.eu-west-1.amazonaws.com/tiktimer@sha256:abc");

    private DrivenClock _clock = null!;
    private FakeOneOffTaskPlatform _platform = null!;
    private RecordingDeliveryLog _log = null!;

    [SetUp]
    public void SetUp()
    {
        _clock = new DrivenClock();
        _platform = new FakeOneOffTaskPlatform(_clock);
        _log = new RecordingDeliveryLog();
    }

    private static TimeSpan S(double seconds) => TimeSpan.FromSeconds(seconds);

    private Task<MigrationResult> Run(MigrationOptions? options = null, CancellationToken cancellationToken = default) =>
        new MigrationRunner(_platform, _log, options, _clock).RunAsync(Spec, cancellationToken);

    private IEnumerable<string> PrintedLogLines => _log.Lines.Where(l => l.StartsWith("  [abc123] ", StringComparison.Ordinal)).Select(l => l[11..]);

    [Test]
    public async Task A_migration_that_exits_zero_succeeds()
    {
        _platform.At(S(2), FakeOneOffTaskPlatform.Running).At(S(6), FakeOneOffTaskPlatform.Exited(0));

        var result = await _clock.DriveAsync(Run());

        Assert.That(result.FinalState.ExitCode, Is.EqualTo(0));
        Assert.That(result.Task.Id, Is.EqualTo(_platform.Handle.Id));
        Assert.That(_platform.Started.Single().Image, Is.EqualTo(Spec.Image));
    }

    [Test]
    public async Task A_migration_that_succeeds_names_the_migrations_its_log_said_it_applied()
    {
        _platform.At(S(1), FakeOneOffTaskPlatform.Running)
            .Logs(S(2), "Migrating db (3 migrations known)", "Applied 0002_social_accounts (4 ms)", "Applied 0003_posts (6 ms)", "Done: applied 2 migration(s)")
            .At(S(4), FakeOneOffTaskPlatform.Exited(0));

        var result = await _clock.DriveAsync(Run());

        Assert.That(result.Applied, Is.EqualTo(new[] { "0002_social_accounts", "0003_posts" }));
    }

    [Test]
    public void A_migration_that_exits_non_zero_fails_with_the_code_and_its_last_log_lines()
    {
        _platform.At(S(1), FakeOneOffTaskPlatform.Running)
            .Logs(S(2), "upgrading 41 -> 42", "ERROR relation \"timers\" already exists")
            .At(S(4), FakeOneOffTaskPlatform.Exited(3));

        var error = Assert.ThrowsAsync<MigrationFailedException>(() => _clock.DriveAsync(Run()));

        Assert.That(error!.Verdict.ExitCode, Is.EqualTo(3));
        Assert.That(error.Message, Does.Contain("exited with code 3").And.Contain(_platform.Handle.Id).And.Contain("relation \"timers\" already exists"));
    }

    [Test]
    public void A_failure_repeats_only_the_last_lines_of_the_log()
    {
        var lines = Enumerable.Range(1, 30).Select(i => $"line {i:00}").ToArray();
        _platform.At(S(1), FakeOneOffTaskPlatform.Running).Logs(S(2), lines).At(S(3), FakeOneOffTaskPlatform.Exited(1));

        var error = Assert.ThrowsAsync<MigrationFailedException>(() => _clock.DriveAsync(Run()));

        Assert.That(error!.LastLogLines, Is.EqualTo(lines[10..]));
    }

    [Test]
    public void A_task_that_fails_to_start_fails_with_the_reason()
    {
        _platform.At(S(3), new OneOffTaskState(
            OneOffTaskStatus.Stopped, "STOPPED", StopCode: OneOffTaskState.TaskFailedToStart,
            StoppedReason: "CannotPullContainerError: image not found"));

        var error = Assert.ThrowsAsync<MigrationFailedException>(() => _clock.DriveAsync(Run()));

        Assert.That(error!.Message, Does.Contain("CannotPullContainerError: image not found"));
    }

    [Test]
    public void A_migration_that_outlives_its_timeout_is_stopped_and_reported_with_the_timeout_and_task()
    {
        _platform.At(S(1), FakeOneOffTaskPlatform.Running).Logs(S(5), "waiting for lock on schema_migrations");

        var error = Assert.ThrowsAsync<MigrationTimeoutException>(() =>
            _clock.DriveAsync(Run(new MigrationOptions { Timeout = TimeSpan.FromMinutes(2) })));

        Assert.That(error!.Timeout, Is.EqualTo(TimeSpan.FromMinutes(2)));
        Assert.That(error.Message, Does.Contain("2m00s").And.Contain(_platform.Handle.Id).And.Contain("waiting for lock"));
        Assert.That(_platform.StopReasons, Has.Count.EqualTo(1).And.Some.Contains("timed out"));
    }

    [Test]
    public void Of_two_migrations_that_passed_the_guard_together_the_later_stops_itself_and_never_runs_to_the_end()
    {
        var earlier = new OneOffTaskHandle("arn:aws:ecs:eu-west-1:1:task/c/000first", "000first", "stop it") { CreatedAt = _clock.GetUtcNow().AddSeconds(-1) };
        _platform.ActiveAfterStart.Add(earlier);
        _platform.At(S(1), FakeOneOffTaskPlatform.Running).At(S(30), FakeOneOffTaskPlatform.Exited(0));

        var error = Assert.ThrowsAsync<MigrationBlockedException>(() => _clock.DriveAsync(Run()));

        Assert.That(error!.Message, Does.Contain("000first").And.Contain("stopped its own task abc123"));
        Assert.That(_platform.StopReasons, Has.One.Contains("started first"));
    }

    [Test]
    public async Task Of_two_migrations_that_passed_the_guard_together_the_earlier_runs_on()
    {
        var later = new OneOffTaskHandle("arn:aws:ecs:eu-west-1:1:task/c/zzzlater", "zzzlater", "stop it") { CreatedAt = _clock.GetUtcNow().AddSeconds(5) };
        _platform.ActiveAfterStart.Add(later);
        _platform.At(S(1), FakeOneOffTaskPlatform.Running).At(S(6), FakeOneOffTaskPlatform.Exited(0));

        var result = await _clock.DriveAsync(Run());

        Assert.That(result.FinalState.ExitCode, Is.EqualTo(0));
        Assert.That(_platform.StopReasons, Is.Empty);
    }

    [Test]
    public async Task A_migration_that_exits_zero_just_as_the_timeout_fires_is_judged_by_its_final_state()
    {
        _platform.At(S(1), FakeOneOffTaskPlatform.Running).At(TimeSpan.FromMinutes(2), FakeOneOffTaskPlatform.Exited(0));

        var result = await _clock.DriveAsync(Run(new MigrationOptions { Timeout = TimeSpan.FromMinutes(2) }));

        Assert.That(result.FinalState.ExitCode, Is.EqualTo(0));
        Assert.That(_platform.StopReasons, Is.Empty, "a finished migration is not asked to stop");
        Assert.That(_log.Text, Does.Contain("finished as its timeout"));
    }

    [Test]
    public void A_migration_that_exits_non_zero_just_as_the_timeout_fires_fails_with_its_exit_code_not_a_timeout()
    {
        _platform.At(S(1), FakeOneOffTaskPlatform.Running).At(TimeSpan.FromMinutes(2), FakeOneOffTaskPlatform.Exited(4));

        var error = Assert.ThrowsAsync<MigrationFailedException>(() => _clock.DriveAsync(Run(new MigrationOptions { Timeout = TimeSpan.FromMinutes(2) })));

        Assert.That(error!.Verdict.ExitCode, Is.EqualTo(4));
    }

    [Test]
    public void On_timeout_a_line_written_after_the_last_log_poll_still_reaches_the_output_and_the_error()
    {
        // Log polls at 0, 50, 100 s; the line appears at 110 s, the timeout is at 120 s.
        _platform.At(S(1), FakeOneOffTaskPlatform.Running).Logs(S(110), "still holding lock on schema_migrations");

        var error = Assert.ThrowsAsync<MigrationTimeoutException>(() =>
            _clock.DriveAsync(Run(new MigrationOptions { Timeout = TimeSpan.FromMinutes(2), LogPollInterval = S(50) })));

        Assert.That(PrintedLogLines, Is.EqualTo(new[] { "still holding lock on schema_migrations" }));
        Assert.That(error!.LastLogLines, Is.EqualTo(new[] { "still holding lock on schema_migrations" }));
    }

    [Test]
    public async Task Cancelling_stops_the_task_says_how_to_check_it_and_lets_the_cancellation_pass()
    {
        _platform.At(S(1), FakeOneOffTaskPlatform.Running);
        using var ctrlC = new CancellationTokenSource();
        var run = Run(cancellationToken: ctrlC.Token);
        await _clock.DriveAsync(Task.Delay(S(20), _clock));

        ClockDriver.WithoutContext(ctrlC.Cancel);

        Assert.That(async () => await _clock.DriveAsync(run), Throws.InstanceOf<OperationCanceledException>());
        Assert.That(_platform.StopReasons, Is.EqualTo(new[] { "TikTimer delivery: cancelled by user" }));
        Assert.That(_log.Text, Does.Contain(_platform.Handle.StopHint));
    }

    [Test]
    public async Task Log_lines_are_printed_in_order_and_each_only_once()
    {
        _platform.At(S(1), FakeOneOffTaskPlatform.Running)
            .Logs(S(2), "a", "b", "c", "d")
            .Logs(S(9), "e")
            .Logs(S(30), "f", "g")
            .At(S(40), FakeOneOffTaskPlatform.Exited(0));

        await _clock.DriveAsync(Run());

        Assert.That(PrintedLogLines, Is.EqualTo(new[] { "a", "b", "c", "d", "e", "f", "g" }));
    }

    [Test]
    public async Task Log_lines_are_printed_while_the_task_runs_not_only_at_the_end()
    {
        _platform.At(S(1), FakeOneOffTaskPlatform.Running).Logs(S(2), "early").At(S(300), FakeOneOffTaskPlatform.Exited(0));
        var run = Run();

        await _clock.DriveAsync(Task.Delay(S(10), _clock));

        Assert.That(PrintedLogLines, Is.EqualTo(new[] { "early" }));
        await _clock.DriveAsync(run);
    }

    [Test]
    public async Task Lines_that_arrive_after_the_task_stopped_are_still_printed()
    {
        _platform.At(S(1), FakeOneOffTaskPlatform.Running)
            .Logs(S(2), "started")
            .At(S(4), FakeOneOffTaskPlatform.Exited(0))
            .Logs(S(4.5), "done: schema at 42");

        await _clock.DriveAsync(Run());

        Assert.That(PrintedLogLines, Is.EqualTo(new[] { "started", "done: schema at 42" }));
    }

    [Test]
    public async Task After_the_stop_two_empty_log_reads_in_a_row_end_the_wait_for_late_lines()
    {
        _platform.At(S(1), FakeOneOffTaskPlatform.Running).Logs(S(2), "started").At(S(4), FakeOneOffTaskPlatform.Exited(0));
        var start = _clock.GetUtcNow();

        var result = await _clock.DriveAsync(Run());

        // Stopped is seen at 4 s; reads at 4 s and 5 s find nothing: done at 5 s, not 4 s + the 5 s grace (9 s).
        Assert.That(_clock.GetUtcNow() - start, Is.EqualTo(S(5)));
        Assert.That(result.Elapsed, Is.EqualTo(S(5)));
    }

    [Test]
    public async Task Late_lines_that_keep_coming_are_read_only_until_the_grace_is_over()
    {
        _platform.At(S(1), FakeOneOffTaskPlatform.Running).At(S(4), FakeOneOffTaskPlatform.Exited(0));
        for (var at = 4.5; at < 20; at += 0.5)
        {
            _platform.Logs(S(at), $"late {at:0.0}");
        }

        var start = _clock.GetUtcNow();
        await _clock.DriveAsync(Run());

        Assert.That(_clock.GetUtcNow() - start, Is.LessThanOrEqualTo(S(9.2)), "bounded by the 5 s grace after the stop at 4 s");
        Assert.That(PrintedLogLines, Does.Contain("late 9.0"));
        Assert.That(PrintedLogLines, Does.Not.Contain("late 9.5"));
    }

    [Test]
    public async Task Each_late_line_restarts_the_count_of_empty_reads()
    {
        _platform.At(S(1), FakeOneOffTaskPlatform.Running)
            .At(S(4), FakeOneOffTaskPlatform.Exited(0))
            .Logs(S(4.5), "first late line")
            .Logs(S(5.5), "second late line");
        var start = _clock.GetUtcNow();

        await _clock.DriveAsync(Run());

        // Reads at 4 s (empty), 5 s (a line), 6 s (a line), 7 s and 8 s (empty): done at 8 s.
        Assert.That(PrintedLogLines, Is.EqualTo(new[] { "first late line", "second late line" }));
        Assert.That(_clock.GetUtcNow() - start, Is.InRange(S(8), S(8.2)));
    }

    [Test]
    public async Task With_no_grace_one_read_after_the_stop_is_the_last()
    {
        _platform.At(S(1), FakeOneOffTaskPlatform.Running).At(S(4), FakeOneOffTaskPlatform.Exited(0)).Logs(S(4), "exited 0");
        var start = _clock.GetUtcNow();

        await _clock.DriveAsync(Run(new MigrationOptions { LogGracePeriod = TimeSpan.Zero }));

        Assert.That(PrintedLogLines, Is.EqualTo(new[] { "exited 0" }));
        Assert.That(_clock.GetUtcNow() - start, Is.LessThanOrEqualTo(S(4.2)));
    }

    [Test]
    public async Task Status_changes_are_reported_with_the_elapsed_time()
    {
        _platform.At(S(3), FakeOneOffTaskPlatform.Running).At(S(8), FakeOneOffTaskPlatform.Exited(0));

        await _clock.DriveAsync(Run());

        Assert.That(_log.Lines, Has.Some.EqualTo("Migration task abc123: RUNNING (3 s)"));
        Assert.That(_log.Lines, Has.Some.EqualTo("Migration task abc123: STOPPED (8 s)"));
    }

    [Test]
    public async Task A_log_read_failure_is_reported_but_does_not_fail_the_migration()
    {
        _platform.LogReadError = new DeliveryException("GetLogEvents: log group /ecs/tiktimer not found");
        _platform.At(S(1), FakeOneOffTaskPlatform.Running).At(S(5), FakeOneOffTaskPlatform.Exited(0));

        await _clock.DriveAsync(Run());

        Assert.That(_log.Lines.Count(l => l.StartsWith("WARNING: Could not read the logs", StringComparison.Ordinal)), Is.EqualTo(1));
    }

    [Test]
    public void An_active_migration_of_the_family_blocks_a_second_one_and_says_how_to_stop_it()
    {
        _platform.Active.Add(new OneOffTaskHandle("arn:task/old", "old999", "aws ecs stop-task --cluster c --task old999"));

        var error = Assert.ThrowsAsync<MigrationBlockedException>(() => _clock.DriveAsync(Run()));

        Assert.That(error!.Message, Does.Contain("old999").And.Contain("aws ecs stop-task --cluster c --task old999").And.Contain("--force"));
        Assert.That(_platform.Started, Is.Empty);
    }

    [Test]
    public async Task Force_starts_a_migration_beside_an_active_one()
    {
        _platform.Active.Add(new OneOffTaskHandle("arn:task/old", "old999", "docker stop old999"));
        _platform.At(S(1), FakeOneOffTaskPlatform.Running).At(S(2), FakeOneOffTaskPlatform.Exited(0));

        await _clock.DriveAsync(Run(new MigrationOptions { Force = true }));

        Assert.That(_platform.Started, Has.Count.EqualTo(1));
    }

    [Test]
    public void Options_out_of_range_are_rejected_by_name()
    {
        var options = new MigrationOptions { Timeout = TimeSpan.Zero };

        Assert.That(() => new MigrationRunner(_platform, _log, options, _clock), Throws.InstanceOf<ArgumentOutOfRangeException>().With.Message.Contains("Timeout"));
    }
}
