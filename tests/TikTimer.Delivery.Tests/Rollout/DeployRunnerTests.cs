using Microsoft.Extensions.Time.Testing;
using TikTimer.Delivery.Reporting;
using TikTimer.Delivery.Rollout;
using TikTimer.Delivery.Tests.Fakes;
using static TikTimer.Delivery.Tests.Fakes.FakeServiceRolloutPlatform;

namespace TikTimer.Delivery.Tests.Rollout;

public partial class DeployRunnerTests
{
    private static readonly ServiceRolloutRequest Api = new("api", "app", "repo@sha256:new");
    private static readonly ServiceRolloutRequest Worker = new("worker", "app", "repo@sha256:new");

    private DrivenClock _clock = null!;
    private FakeServiceRolloutPlatform _platform = null!;
    private RecordingDeliveryLog _log = null!;

    [SetUp]
    public void SetUp()
    {
        _clock = new DrivenClock();
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

    [Test]
    public void A_rollback_that_cannot_be_started_is_reported_as_failed_never_as_rolled_back()
    {
        _platform.At("api", S(0), New(running: 0, state: RolloutState.Failed, reason: "health checks"), Old(DeploymentStatus.Primary));
        _platform.FailToRollBack.Add("api");

        var error = Assert.ThrowsAsync<DeploymentFailedException>(() => _clock.DriveAsync(Deploy()));

        var report = error!.Rollbacks.Single();
        Assert.That(report.Succeeded, Is.False);
        Assert.That(report.Message, Is.EqualTo("api: ROLLBACK to rev-old could not be started (UpdateService api: AccessDeniedException); the service needs attention."));
        Assert.That(error.Message, Does.Not.Contain("serving again").And.Not.Contain("rolled back;"));
        Assert.That(_log.Lines, Has.Some.EqualTo("ERROR: " + report.Message));
    }

    [Test]
    public void A_rollback_that_was_started_but_cannot_be_followed_says_so()
    {
        _platform.At("api", S(0), New(running: 0, state: RolloutState.Failed, reason: "health checks"), Old(DeploymentStatus.Primary));
        _platform.RollbackAt("api", S(0), RolledBackTo(running: 0));
        var rollbackDescribeFails = new FailingRollbackDescribe(_platform);

        var error = Assert.ThrowsAsync<DeploymentFailedException>(() =>
            _clock.DriveAsync(new DeployRunner(rollbackDescribeFails, _log, null, _clock).DeployAsync([Api])));

        Assert.That(error!.Rollbacks.Single().Succeeded, Is.False);
        Assert.That(error.Rollbacks.Single().Message, Does.Contain("was started but could not be followed").And.Contain("ThrottlingException"));
    }

    [Test]
    public void A_rollback_waits_at_most_its_own_rollback_timeout()
    {
        _platform.At("api", S(0), New(running: 0, state: RolloutState.Failed, reason: "health checks"), Old(DeploymentStatus.Primary));
        _platform.RollbackAt("api", S(0), RolledBackTo(running: 0));
        var start = _clock.GetUtcNow();

        var error = Assert.ThrowsAsync<DeploymentFailedException>(() =>
            _clock.DriveAsync(Deploy(new RolloutOptions { Timeout = TimeSpan.FromMinutes(30), RollbackTimeout = TimeSpan.FromMinutes(1) })));

        var lastRollbackDescribe = _platform.Described.Where(d => d.Rollback).Max(d => d.At) - start;
        Assert.That(lastRollbackDescribe, Is.GreaterThan(S(40)).And.LessThanOrEqualTo(TimeSpan.FromMinutes(1)));
        Assert.That(error!.Rollbacks.Single().Message, Does.Contain("timed out after 1m00s"));
    }

    [Test]
    public void A_rollback_whose_start_hangs_gives_up_at_the_rollback_timeout()
    {
        _platform.At("api", S(0), New(running: 0, state: RolloutState.Failed, reason: "health checks"), Old(DeploymentStatus.Primary));
        _platform.HangOnRollBack.Add("api");
        var start = _clock.GetUtcNow();

        var error = Assert.ThrowsAsync<DeploymentFailedException>(() =>
            _clock.DriveAsync(Deploy(new RolloutOptions { Timeout = TimeSpan.FromMinutes(30), RollbackTimeout = TimeSpan.FromMinutes(1) })));

        Assert.That(_platform.HangsGivenUpAt.Single() - start, Is.EqualTo(TimeSpan.FromMinutes(1)));
        Assert.That(error!.Rollbacks.Single().Succeeded, Is.False);
        Assert.That(error.Rollbacks.Single().Message, Does.Contain("could not be started (not started within 1m00s)"));
    }

    [Test]
    public void A_rollout_whose_start_hangs_fails_at_the_deploy_timeout_and_is_not_rolled_back()
    {
        _platform.HangOnStart.Add("api");
        var start = _clock.GetUtcNow();

        var error = Assert.ThrowsAsync<DeploymentFailedException>(() =>
            _clock.DriveAsync(Deploy(new RolloutOptions { Timeout = TimeSpan.FromMinutes(1) })));

        Assert.That(_platform.HangsGivenUpAt.Single() - start, Is.EqualTo(TimeSpan.FromMinutes(1)));
        Assert.That(error!.Message, Does.Contain("api: could not start the rollout within 1m00s"));
        Assert.That(_platform.RolledBack, Is.Empty);
    }

    [Test]
    public void The_wait_after_a_slow_start_gets_only_what_is_left_of_the_timeout()
    {
        _platform.At("api", S(0), New(running: 1, state: RolloutState.InProgress), Old());
        var slowStart = new SlowStart(_platform, _clock, S(40));
        var start = _clock.GetUtcNow();

        var error = Assert.ThrowsAsync<DeploymentFailedException>(() =>
            _clock.DriveAsync(new DeployRunner(slowStart, _log, new RolloutOptions { Timeout = TimeSpan.FromMinutes(1), Rollback = false }, _clock).DeployAsync([Api])));

        Assert.That(_platform.Described.Max(d => d.At) - start, Is.GreaterThan(S(40)).And.LessThanOrEqualTo(TimeSpan.FromMinutes(1)));
        Assert.That(error!.Message, Does.Contain("not stable within 1m00s"));
    }

    [Test]
    public void A_first_deployment_has_nothing_to_roll_back_to_and_says_it_needs_attention()
    {
        var firstEver = new FirstDeployment(_platform);
        _platform.At("api", S(0), New(running: 0, state: RolloutState.Failed, reason: "health checks"));

        var error = Assert.ThrowsAsync<DeploymentFailedException>(() =>
            _clock.DriveAsync(new DeployRunner(firstEver, _log, null, _clock).DeployAsync([Api])));

        Assert.That(error!.Rollbacks.Single().Succeeded, Is.False);
        Assert.That(error.Rollbacks.Single().Message, Does.Contain("no previous revision to roll back to"));
        Assert.That(_platform.RolledBack, Is.Empty);
    }

    [Test]
    public async Task A_successful_deploy_names_each_service_and_its_revision()
    {
        Stabilises("api", 10);

        var result = await _clock.DriveAsync(Deploy());

        Assert.That(result.Rollouts.Single().RevisionId, Is.EqualTo("rev-new"));
        Assert.That(_log.Lines, Has.Some.EqualTo("Deployed: api on rev-new."));
    }

    [Test]
    public void No_service_to_deploy_is_refused_before_anything_starts()
    {
        var runner = new DeployRunner(_platform, _log, null, _clock);

        Assert.That(() => runner.DeployAsync([]), Throws.InstanceOf<DeliveryException>().With.Message.Contains("no service is configured"));
        Assert.That(_platform.Started, Is.Empty);
    }

    [Test]
    public void Options_out_of_range_are_rejected_by_name()
    {
        Assert.That(() => new DeployRunner(_platform, _log, new RolloutOptions { RollbackTimeout = S(9) }, _clock),
            Throws.InstanceOf<ArgumentOutOfRangeException>().With.Message.Contains("RollbackTimeout"));
        Assert.That(() => new DeployRunner(_platform, _log, new RolloutOptions { Timeout = TimeSpan.FromHours(6) + S(1) }, _clock),
            Throws.InstanceOf<ArgumentOutOfRangeException>().With.Message.Contains("Timeout"));
        Assert.That(() => new DeployRunner(_platform, _log, new RolloutOptions { Timeout = S(10), RollbackTimeout = TimeSpan.FromHours(6) }, _clock), Throws.Nothing);
    }

    /// <summary>Describing the rollback fails (the rollout itself is described normally).</summary>
    private sealed class FailingRollbackDescribe(FakeServiceRolloutPlatform inner) : IServiceRolloutPlatform
    {
        public Task<RolloutHandle> StartRolloutAsync(ServiceRolloutRequest request, CancellationToken cancellationToken) => inner.StartRolloutAsync(request, cancellationToken);

        public Task<ServiceSnapshot> DescribeAsync(RolloutHandle rollout, CancellationToken cancellationToken) =>
            rollout.DeploymentId == "dep-rollback"
                ? Task.FromException<ServiceSnapshot>(new DeliveryException($"DescribeServices {rollout.Service}: ThrottlingException"))
                : inner.DescribeAsync(rollout, cancellationToken);

        public Task<RolloutHandle> RollBackAsync(RolloutHandle failed, CancellationToken cancellationToken) => inner.RollBackAsync(failed, cancellationToken);
    }

    /// <summary>Starting takes <paramref name="delay"/> of fake time.</summary>
    private sealed class SlowStart(FakeServiceRolloutPlatform inner, FakeTimeProvider clock, TimeSpan delay) : IServiceRolloutPlatform
    {
        public async Task<RolloutHandle> StartRolloutAsync(ServiceRolloutRequest request, CancellationToken cancellationToken)
        {
            await Task.Delay(delay, clock, cancellationToken).ConfigureAwait(false);
            return await inner.StartRolloutAsync(request, cancellationToken).ConfigureAwait(false);
        }

        public Task<ServiceSnapshot> DescribeAsync(RolloutHandle rollout, CancellationToken cancellationToken) => inner.DescribeAsync(rollout, cancellationToken);

        public Task<RolloutHandle> RollBackAsync(RolloutHandle failed, CancellationToken cancellationToken) => inner.RollBackAsync(failed, cancellationToken);
    }

    /// <summary>The service had no revision before this rollout.</summary>
    private sealed class FirstDeployment(FakeServiceRolloutPlatform inner) : IServiceRolloutPlatform
    {
        public async Task<RolloutHandle> StartRolloutAsync(ServiceRolloutRequest request, CancellationToken cancellationToken) =>
            (await inner.StartRolloutAsync(request, cancellationToken).ConfigureAwait(false)) with { PreviousRevisionId = null };

        public Task<ServiceSnapshot> DescribeAsync(RolloutHandle rollout, CancellationToken cancellationToken) => inner.DescribeAsync(rollout, cancellationToken);

        public Task<RolloutHandle> RollBackAsync(RolloutHandle failed, CancellationToken cancellationToken) => inner.RollBackAsync(failed, cancellationToken);
    }
}
