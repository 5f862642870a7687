using Microsoft.Extensions.Time.Testing;
using TikTimer.Delivery.Reporting;
using TikTimer.Delivery.Rollout;
using TikTimer.Delivery.Tests.Fakes;
using static TikTimer.Delivery.Tests.Fakes.FakeServiceRolloutPlatform;

namespace TikTimer.Delivery.Tests.Rollout;

public class DeployRunnerTests
{
    private static readonly ServiceRolloutRequest Api = new("api", "app", "repo@sha256:new");
    private static readonly ServiceRolloutRequest Worker = new("worker", "app", "repo@sha256:new");

    private FakeTimeProvider _clock = null!;
    private FakeServiceRolloutPlatform _platform = null!;
    private RecordingDeliveryLog _log = null!;

    [SetUp]
    public void SetUp()
    {
        _clock = new FakeTimeProvider();
        _platform = new FakeServiceRolloutPlatform(_clock);
        _log = new RecordingDeliveryLog();
    }

    private static TimeSpan S(double seconds) => TimeSpan.FromSeconds(seconds);

    private Task<DeployResult> Deploy(RolloutOptions? options = null, CancellationToken cancellationToken = default, params ServiceRolloutRequest[] services) =>
        new DeployRunner(_platform, _log, options, _clock).DeployAsync(services.Length == 0 ? [Api] : services, cancellationToken);

    private FakeServiceRolloutPlatform Stabilises(string service, double after) =>
        _platform.At(service, S(0), New(running: 0, state: RolloutState.InProgress), Old())
            .At(service, S(after), New());

    private FakeServiceRolloutPlatform RollbackStabilises(string service) =>
        _platform.RollbackAt(service, S(0), RolledBackTo(running: 0), New(DeploymentStatus.Active))
            .RollbackAt(service, S(20), RolledBackTo());

    [Test]
    public async Task Several_services_are_rolled_out_at_once_and_each_waited_for()
    {
        Stabilises("api", 60);
        Stabilises("worker", 90);
        var start = _clock.GetUtcNow();

        var result = await _clock.DriveAsync(Deploy(null, default, Api, Worker));

        Assert.That(result.Rollouts.Select(r => r.Service), Is.EquivalentTo(new[] { "api", "worker" }));
        Assert.That(_clock.GetUtcNow() - start, Is.LessThan(S(120)), "waited one after the other");
        Assert.That(_platform.RolledBack, Is.Empty);
    }

    [Test]
    public void A_circuit_breaker_failure_rolls_back_and_reports_both_the_failure_and_the_serving_revision()
    {
        _platform.At("api", S(0), New(running: 0, state: RolloutState.InProgress), Old())
            .At("api", S(120), new DeploymentSnapshot("dep-ecs", DeploymentStatus.Primary, "rev-old", 2, 2, RolloutState: RolloutState.Completed),
                New(DeploymentStatus.Active, running: 0, state: RolloutState.Failed, reason: "tasks failed to start"));
        RollbackStabilises("api");

        var error = Assert.ThrowsAsync<DeploymentFailedException>(() => _clock.DriveAsync(Deploy()));

        Assert.That(error!.Message, Does.Contain("tasks failed to start").And.Contain("previous revision rev-old is serving again"));
        Assert.That(_platform.RolledBack.Select(r => r.Service), Is.EqualTo(new[] { "api" }));
    }

    [Test]
    public void A_deployment_replaced_by_another_release_fails_as_superseded_and_is_not_rolled_back()
    {
        var theirs = new DeploymentSnapshot("dep-theirs", DeploymentStatus.Primary, "rev-theirs", 2, 2, RolloutState: RolloutState.Completed);
        _platform.At("api", S(0), New(running: 1, state: RolloutState.InProgress), Old())
            .At("api", S(30), theirs, New(DeploymentStatus.Active, running: 1, state: RolloutState.InProgress));
        RollbackStabilises("api");

        var error = Assert.ThrowsAsync<DeploymentFailedException>(() => _clock.DriveAsync(Deploy()));

        Assert.That(error!.Message, Does.Contain("another deployment replaced ours"));
        Assert.That(_platform.RolledBack, Is.Empty, "rolling back would undo someone else's release");
        Assert.That(error.Message, Does.Not.Contain("serving again"));
    }

    [Test]
    public void A_rollout_that_is_not_stable_within_its_timeout_is_rolled_back()
    {
        _platform.At("api", S(0), New(running: 1, state: RolloutState.InProgress), Old());
        RollbackStabilises("api");

        var error = Assert.ThrowsAsync<DeploymentFailedException>(() =>
            _clock.DriveAsync(Deploy(new RolloutOptions { Timeout = TimeSpan.FromMinutes(1) })));

        Assert.That(error!.Message, Does.Contain("not stable within 1m00s").And.Contain("1 of 2 task(s) running"));
        Assert.That(error.Rollbacks.Single().Succeeded, Is.True);
    }

    [Test]
    public void One_failed_service_rolls_back_the_whole_release()
    {
        Stabilises("api", 30);
        _platform.At("worker", S(0), New(running: 0, state: RolloutState.Failed, reason: "essential container exited"), Old(DeploymentStatus.Primary));
        RollbackStabilises("api");
        RollbackStabilises("worker");

        Assert.ThrowsAsync<DeploymentFailedException>(() => _clock.DriveAsync(Deploy(null, default, Api, Worker)));

        Assert.That(_platform.RolledBack.Select(r => r.Service), Is.EquivalentTo(new[] { "api", "worker" }));
    }

    [Test]
    public void With_rollback_disabled_a_failure_is_reported_and_nothing_is_rolled_back()
    {
        _platform.At("api", S(0), New(running: 0, state: RolloutState.Failed, reason: "health checks"), Old(DeploymentStatus.Primary));

        var error = Assert.ThrowsAsync<DeploymentFailedException>(() => _clock.DriveAsync(Deploy(new RolloutOptions { Rollback = false })));

        Assert.That(error!.Message, Does.Contain("Rollback is disabled"));
        Assert.That(_platform.RolledBack, Is.Empty);
    }

    [Test]
    public void A_rollback_that_does_not_become_stable_says_the_service_needs_attention()
    {
        _platform.At("api", S(0), New(running: 0, state: RolloutState.Failed, reason: "health checks"), Old(DeploymentStatus.Primary));
        _platform.RollbackAt("api", S(0), RolledBackTo(running: 0));

        var error = Assert.ThrowsAsync<DeploymentFailedException>(() =>
            _clock.DriveAsync(Deploy(new RolloutOptions { RollbackTimeout = TimeSpan.FromMinutes(1) })));

        Assert.That(error!.Rollbacks.Single().Succeeded, Is.False);
        Assert.That(error.Message, Does.Contain("ROLLBACK to rev-old did not become stable").And.Contain("needs attention"));
    }

    [Test]
    public void A_service_whose_rollout_cannot_start_is_reported_and_the_others_are_rolled_back()
    {
        _platform.FailToStart.Add("worker");
        Stabilises("api", 30);
        RollbackStabilises("api");

        var error = Assert.ThrowsAsync<DeploymentFailedException>(() => _clock.DriveAsync(Deploy(null, default, Api, Worker)));

        Assert.That(error!.Message, Does.Contain("worker: could not start the rollout").And.Contain("ServiceNotFoundException"));
        Assert.That(_platform.RolledBack.Select(r => r.Service), Is.EqualTo(new[] { "api" }));
    }

    [Test]
    public async Task Service_events_are_printed_once_each_oldest_first()
    {
        var t0 = _clock.GetUtcNow();
        ServiceEvent E(string id, int second, string message) => new(id, t0.AddSeconds(second), message);
        var first = E("1", 1, "(service api) has started 2 tasks");
        var second = E("2", 5, "(service api) registered 2 targets");
        var third = E("3", 30, "(service api) has reached a steady state.");
        _platform.AtWithEvents("api", S(0), [New(running: 0, state: RolloutState.InProgress), Old()], first)
            .AtWithEvents("api", S(10), [New(running: 2, state: RolloutState.InProgress), Old()], second, first)
            .AtWithEvents("api", S(40), [New()], third, second, first);

        await _clock.DriveAsync(Deploy());

        var printed = _log.Lines.Where(l => l.StartsWith("  [api]", StringComparison.Ordinal)).ToList();
        Assert.That(printed, Has.Count.EqualTo(3));
        Assert.That(printed[0], Does.EndWith("has started 2 tasks"));
        Assert.That(printed[2], Does.EndWith("has reached a steady state."));
    }

    [Test]
    public async Task The_deployment_counts_are_printed_when_they_change()
    {
        _platform.At("api", S(0), New(running: 0, state: RolloutState.InProgress), Old())
            .At("api", S(20), New(running: 1, state: RolloutState.InProgress), Old())
            .At("api", S(40), New());

        await _clock.DriveAsync(Deploy());

        var counts = _log.Lines.Where(l => l.StartsWith("api: deployment dep-new", StringComparison.Ordinal) && l.Contains(": running", StringComparison.Ordinal)).ToList();
        Assert.That(counts, Has.Count.EqualTo(3));
        Assert.That(counts[1], Does.Contain("running 1/2").And.Contain("1 other deployment(s) draining"));
    }

    [Test]
    public async Task Cancelling_stops_waiting_without_rolling_back()
    {
        _platform.At("api", S(0), New(running: 0, state: RolloutState.InProgress), Old());
        using var ctrlC = new CancellationTokenSource();
        var deploy = Deploy(null, ctrlC.Token);
        await _clock.DriveAsync(Task.Delay(S(30), _clock));

        ClockDriver.WithoutContext(ctrlC.Cancel);

        Assert.That(async () => await _clock.DriveAsync(deploy), Throws.InstanceOf<OperationCanceledException>());
        Assert.That(_platform.RolledBack, Is.Empty);
    }

    [Test]
    public async Task A_failed_smoke_test_can_roll_back_a_finished_deploy()
    {
        Stabilises("api", 10);
        RollbackStabilises("api");
        var deployed = await _clock.DriveAsync(Deploy());

        var reports = await _clock.DriveAsync(new DeployRunner(_platform, _log, null, _clock).RollBackAsync(deployed.Rollouts));

        Assert.That(reports.Single().Message, Does.Contain("previous revision rev-old is serving again"));
    }

    [Test]
    public void A_rollout_that_cannot_be_followed_is_a_failure_and_is_rolled_back()
    {
        _platform.FailToDescribe.Add("api");
        RollbackStabilises("api");

        var error = Assert.ThrowsAsync<DeploymentFailedException>(() => _clock.DriveAsync(Deploy()));

        Assert.That(error!.Message, Does.Contain("could not follow the rollout").And.Contain("AccessDeniedException"));
        Assert.That(_platform.RolledBack, Has.Count.EqualTo(1));
    }
}
