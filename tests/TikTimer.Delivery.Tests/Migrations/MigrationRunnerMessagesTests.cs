using TikTimer.Delivery.Migrations;
using TikTimer.Delivery.Tests.Fakes;

namespace TikTimer.Delivery.Tests.Migrations;

/// <summary>What the migration runner says while it waits: the lines a user watches in a long run.</summary>
public partial class MigrationRunnerTests
{
    private IEnumerable<string> Said(string start) => _log.Lines.Where(l => l.StartsWith(start, StringComparison.Ordinal));

    [Test]
    public async Task The_start_names_the_task_its_image_and_the_timeout()
    {
        _platform.At(S(1), FakeOneOffTaskPlatform.Exited(0));

        await _clock.DriveAsync(Run(new MigrationOptions { Timeout = TimeSpan.FromMinutes(4) }));

        Assert.That(Said("Started migration task"), Is.EqualTo(new[]
        {
            $"Started migration task abc123 (arn:aws:ecs:eu-west-1:1:task/c/abc123) from {Spec.Image}; timeout 4m00s.",
        }));
    }

    [Test]
    public async Task A_status_that_does_not_change_is_said_again_at_the_first_poll_a_progress_interval_after_it_was_last_said()
    {
        // Polls at 1, 2, ... 10, 11.5, 13.8, 17.2, 22.3, 29.9, 39.9, 49.9 ... s (the default schedule).
        _platform.At(S(1), FakeOneOffTaskPlatform.Running).At(S(75), FakeOneOffTaskPlatform.Exited(0));

        await _clock.DriveAsync(Run(new MigrationOptions { ProgressInterval = S(30) }));

        Assert.That(Said("Migration task abc123: "), Is.EqualTo(new[]
        {
            "Migration task abc123: PENDING (0 ms)",
            "Migration task abc123: RUNNING (1 s)",
            "Migration task abc123: still RUNNING (39.9 s)",
            "Migration task abc123: still RUNNING (1m09s)",
            "Migration task abc123: STOPPED (1m19s)",
        }));
    }

    [Test]
    public async Task A_poll_exactly_one_progress_interval_after_the_last_line_says_it_again()
    {
        _platform.At(S(1), FakeOneOffTaskPlatform.Running).At(S(3), FakeOneOffTaskPlatform.Exited(0));

        await _clock.DriveAsync(Run(new MigrationOptions { ProgressInterval = S(1) }));

        Assert.That(Said("Migration task abc123: still"), Is.EqualTo(new[] { "Migration task abc123: still RUNNING (2 s)" }));
    }

    [Test]
    public async Task Force_says_which_active_tasks_it_starts_beside()
    {
        _platform.Active.Add(new OneOffTaskHandle("arn:task/old", "old999", "docker stop old999"));
        _platform.At(S(1), FakeOneOffTaskPlatform.Exited(0));

        await _clock.DriveAsync(Run(new MigrationOptions { Force = true }));

        Assert.That(_log.Lines, Does.Contain("WARNING: Starting a migration beside active task(s) old999 of TikTimer-dev-migration because --force was given."));
    }

    [Test]
    public async Task A_success_says_so_with_the_reason_and_the_time_it_took()
    {
        _platform.At(S(1), FakeOneOffTaskPlatform.Running).At(S(6), FakeOneOffTaskPlatform.Exited(0));

        await _clock.DriveAsync(Run());

        Assert.That(Said("Migration task abc123 succeeded"), Has.One.Match(@"^Migration task abc123 succeeded \(.+\) in 7 s\.$"));
    }

    [Test]
    public async Task Force_names_every_active_task()
    {
        _platform.Active.Add(new OneOffTaskHandle("arn:task/old", "old999", "docker stop old999"));
        _platform.Active.Add(new OneOffTaskHandle("arn:task/older", "old888", "docker stop old888"));
        _platform.At(S(1), FakeOneOffTaskPlatform.Exited(0));

        await _clock.DriveAsync(Run(new MigrationOptions { Force = true }));

        Assert.That(_log.Text, Does.Contain("beside active task(s) old999, old888 of"));
    }

    [Test]
    public async Task With_force_a_migration_does_not_give_way_to_an_earlier_twin()
    {
        var earlier = new OneOffTaskHandle("arn:aws:ecs:eu-west-1:1:task/c/000first", "000first", "stop it") { CreatedAt = _clock.GetUtcNow().AddSeconds(-1) };
        _platform.ActiveAfterStart.Add(earlier);
        _platform.At(S(1), FakeOneOffTaskPlatform.Running).At(S(6), FakeOneOffTaskPlatform.Exited(0));

        var result = await _clock.DriveAsync(Run(new MigrationOptions { Force = true }));

        Assert.That(result.FinalState.ExitCode, Is.EqualTo(0));
        Assert.That(_platform.StopReasons, Is.Empty);
    }

    [Test]
    public async Task Log_reads_that_keep_failing_warn_once_then_quietly()
    {
        _platform.LogReadError = new InvalidOperationException("log store unavailable");
        _platform.At(S(1), FakeOneOffTaskPlatform.Running).At(S(6), FakeOneOffTaskPlatform.Exited(0));

        await _clock.DriveAsync(Run());

        var failures = _log.Lines.Where(l => l.Contains("Could not read the logs of migration task abc123: log store unavailable", StringComparison.Ordinal)).ToList();
        Assert.That(failures[0], Is.EqualTo("WARNING: Could not read the logs of migration task abc123: log store unavailable (will keep trying; the migration's result does not depend on it)"));
        Assert.That(failures.Skip(1), Is.Not.Empty.And.All.EqualTo("Could not read the logs of migration task abc123: log store unavailable"));
    }

    [Test]
    public void The_later_of_two_migrations_says_it_stops_itself_and_why()
    {
        var earlier = new OneOffTaskHandle("arn:aws:ecs:eu-west-1:1:task/c/000first", "000first", "stop it") { CreatedAt = _clock.GetUtcNow().AddSeconds(-1) };
        _platform.ActiveAfterStart.Add(earlier);
        _platform.At(S(1), FakeOneOffTaskPlatform.Running);

        Assert.ThrowsAsync<MigrationBlockedException>(() => _clock.DriveAsync(Run()));

        Assert.That(_log.Lines, Does.Contain("WARNING: Migration task 000first of TikTimer-dev-migration started just before ours; stopping ours (abc123) so only one migrates."));
    }

    [Test]
    public void A_timeout_says_the_task_is_being_stopped_and_after_how_long()
    {
        _platform.At(S(1), FakeOneOffTaskPlatform.Running);

        Assert.ThrowsAsync<MigrationTimeoutException>(() => _clock.DriveAsync(Run(new MigrationOptions { Timeout = TimeSpan.FromMinutes(2) })));

        Assert.That(_log.Lines, Does.Contain("ERROR: Migration task abc123 did not finish within 2m00s; stopping it."));
    }

    [Test]
    public async Task Cancelling_says_the_task_is_asked_to_stop()
    {
        _platform.At(S(1), FakeOneOffTaskPlatform.Running);
        using var ctrlC = new CancellationTokenSource();
        var run = Run(cancellationToken: ctrlC.Token);
        await _clock.DriveAsync(Task.Delay(S(20), _clock));

        ClockDriver.WithoutContext(ctrlC.Cancel);

        Assert.That(async () => await _clock.DriveAsync(run), Throws.InstanceOf<OperationCanceledException>());
        Assert.That(_log.Lines, Does.Contain("WARNING: Cancelled while waiting for migration task abc123 (arn:aws:ecs:eu-west-1:1:task/c/abc123); asking it to stop."));
    }
}
