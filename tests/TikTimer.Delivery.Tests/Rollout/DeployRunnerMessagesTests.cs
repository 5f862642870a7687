using TikTimer.Delivery.Rollout;
using TikTimer.Delivery.Tests.Fakes;
using static TikTimer.Delivery.Tests.Fakes.FakeServiceRolloutPlatform;

namespace TikTimer.Delivery.Tests.Rollout;

/// <summary>What the deploy runner says: the lines a user reads to know what was rolled out, and what was rolled back.</summary>
public partial class DeployRunnerTests
{
    private void FailsWithHealthChecks() =>
        _platform.At("api", S(0), New(running: 0, state: RolloutState.Failed, reason: "health checks"), Old(DeploymentStatus.Primary));

    [Test]
    public async Task A_rollout_says_what_replaces_what_and_how_long_it_took_to_become_stable()
    {
        _platform.At("api", S(0), New(running: 0, state: RolloutState.InProgress), Old()).At("api", S(30), New());

        await _clock.DriveAsync(Deploy());

        Assert.That(_log.Lines, Does.Contain("Rolling out api: rev-new (image repo@sha256:new) replacing rev-old."));
        Assert.That(_log.Lines, Does.Contain("api: deployment dep-new is stable with 2 task(s) running after 34.5 s."), string.Join('\n', _log.Lines));
    }

    [Test]
    public async Task Several_services_are_listed_in_the_deployed_line()
    {
        foreach (var service in new[] { "api", "worker" })
        {
            _platform.At(service, S(0), New(running: 0, state: RolloutState.InProgress), Old()).At(service, S(30), New());
        }

        await _clock.DriveAsync(new DeployRunner(_platform, _log, null, _clock).DeployAsync([Api, Worker]));

        Assert.That(_log.Lines, Does.Contain("Deployed: api on rev-new, worker on rev-new."));
    }

    [Test]
    public void A_failure_is_printed_as_an_error_names_the_step_and_is_not_called_a_timeout()
    {
        FailsWithHealthChecks();
        _platform.RollbackAt("api", S(0), RolledBackTo());

        var error = Assert.ThrowsAsync<DeploymentFailedException>(() => _clock.DriveAsync(Deploy()));

        Assert.That(_log.Lines, Does.Contain("ERROR: api: deployment dep-new failed: health checks (circuit breaker)"));
        Assert.That(error!.Message, Does.StartWith("Deploy").And.Not.Contain("not stable within"));
    }

    [Test]
    public void A_rollback_says_where_it_goes_and_what_it_found()
    {
        FailsWithHealthChecks();
        _platform.RollbackAt("api", S(0), RolledBackTo());

        var error = Assert.ThrowsAsync<DeploymentFailedException>(() => _clock.DriveAsync(Deploy()));

        Assert.That(_log.Lines, Does.Contain("WARNING: Rolling api back to rev-old."));
        Assert.That(_log.Lines, Does.Contain(error!.Rollbacks.Single().Message));
    }

    [Test]
    public void A_rollback_that_fails_without_timing_out_does_not_say_it_timed_out()
    {
        FailsWithHealthChecks();
        _platform.RollbackAt("api", S(0), RolledBackTo(running: 0), New(DeploymentStatus.Active))
            .RollbackAt("api", S(10), new DeploymentSnapshot("dep-rollback", DeploymentStatus.Primary, "rev-old", 2, 0, 0, 0, RolloutState.Failed, "rollback tasks failed"));

        var error = Assert.ThrowsAsync<DeploymentFailedException>(() => _clock.DriveAsync(Deploy()));

        var report = error!.Rollbacks.Single();
        Assert.That(report.Succeeded, Is.False);
        Assert.That(report.Message, Does.StartWith("api: ROLLBACK to rev-old did not become stable (deployment dep-rollback failed: rollback tasks failed (circuit breaker)); "));
    }

    [Test]
    public void A_rollback_that_times_out_says_after_how_long()
    {
        FailsWithHealthChecks();
        _platform.RollbackAt("api", S(0), RolledBackTo(running: 0));

        var error = Assert.ThrowsAsync<DeploymentFailedException>(() =>
            _clock.DriveAsync(Deploy(new RolloutOptions { RollbackTimeout = TimeSpan.FromMinutes(1) })));

        Assert.That(error!.Rollbacks.Single().Message, Does.Contain("(timed out after 1m00s, "));
    }

    [Test]
    public void A_superseded_rollout_says_why_it_is_not_rolled_back()
    {
        var theirs = new DeploymentSnapshot("dep-theirs", DeploymentStatus.Primary, "rev-theirs", 2, 2, RolloutState: RolloutState.Completed);
        _platform.At("api", S(0), New(running: 1, state: RolloutState.InProgress), Old())
            .At("api", S(30), theirs, New(DeploymentStatus.Active, running: 1, state: RolloutState.InProgress));

        Assert.ThrowsAsync<DeploymentFailedException>(() => _clock.DriveAsync(Deploy()));

        Assert.That(_log.Lines, Does.Contain("WARNING: api: not rolled back: another deployment replaced ours, and rolling back would undo it."));
    }

    [Test]
    public async Task Cancelling_says_the_platform_carries_on_and_nothing_was_rolled_back()
    {
        _platform.At("api", S(0), New(running: 0, state: RolloutState.InProgress), Old());
        using var ctrlC = new CancellationTokenSource();
        var deploy = Deploy(cancellationToken: ctrlC.Token);
        await _clock.DriveAsync(Task.Delay(S(30), _clock));

        ClockDriver.WithoutContext(ctrlC.Cancel);

        Assert.That(async () => await _clock.DriveAsync(deploy), Throws.InstanceOf<OperationCanceledException>());
        Assert.That(_log.Lines, Does.Contain("WARNING: Cancelled while waiting for api; the platform carries on with the update and nothing was rolled back."));
    }
}
