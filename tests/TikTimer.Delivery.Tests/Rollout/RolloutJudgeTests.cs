using TikTimer.Delivery.Rollout;
using static TikTimer.Delivery.Tests.Fakes.FakeServiceRolloutPlatform;

namespace TikTimer.Delivery.Tests.Rollout;

public class RolloutJudgeTests
{
    private static readonly RolloutHandle Ours = new("api", "rev-new", "rev-old", "dep-new");

    private static RolloutVerdict Judge(params DeploymentSnapshot[] deployments) =>
        RolloutJudge.Judge(Ours, new ServiceSnapshot("api", deployments, []));

    [Test]
    public void Our_deployment_primary_completed_at_full_count_and_alone_is_stable()
    {
        var verdict = Judge(New());

        Assert.That(verdict.Progress, Is.EqualTo(RolloutProgress.Stable));
    }

    [Test]
    public void A_deployment_whose_rollout_is_in_progress_is_in_progress()
    {
        var verdict = Judge(New(state: RolloutState.InProgress), Old());

        Assert.That(verdict.Progress, Is.EqualTo(RolloutProgress.InProgress));
    }

    [Test]
    public void A_circuit_breaker_failure_is_a_failure_even_when_the_old_revision_is_serving_stably()
    {
        var rolledBackByEcs = new DeploymentSnapshot("dep-ecs-rollback", DeploymentStatus.Primary, "rev-old", 2, 2, 0, 0, RolloutState.Completed);

        var verdict = Judge(rolledBackByEcs, New(DeploymentStatus.Active, running: 0, state: RolloutState.Failed, reason: "ECS deployment circuit breaker: tasks failed to start."));

        Assert.That(verdict.Progress, Is.EqualTo(RolloutProgress.Failed));
        Assert.That(verdict.Reason, Does.Contain("tasks failed to start"));
    }

    [Test]
    public void An_older_deployment_still_draining_is_in_progress()
    {
        var verdict = Judge(New(state: null), Old(running: 1));

        Assert.That(verdict.Progress, Is.EqualTo(RolloutProgress.InProgress));
        Assert.That(verdict.Reason, Does.Contain("draining"));
    }

    [Test]
    public void Fewer_tasks_running_than_desired_is_in_progress()
    {
        var verdict = Judge(New(running: 1, state: null));

        Assert.That(verdict.Progress, Is.EqualTo(RolloutProgress.InProgress));
        Assert.That(verdict.Reason, Does.Contain("1 of 2"));
    }

    [Test]
    public void A_service_that_does_not_report_rollout_state_is_stable_on_counts_alone()
    {
        var verdict = Judge(New(state: null));

        Assert.That(verdict.Progress, Is.EqualTo(RolloutProgress.Stable));
    }

    [Test]
    public void Our_deployment_gone_from_the_service_is_a_failure()
    {
        var verdict = Judge(Old(DeploymentStatus.Primary));

        Assert.That(verdict.Progress, Is.EqualTo(RolloutProgress.Failed));
    }

    [Test]
    public void Our_deployment_replaced_by_someone_elses_release_is_superseded()
    {
        var someoneElses = new DeploymentSnapshot("dep-other", DeploymentStatus.Primary, "rev-other", 2, 0);

        var verdict = Judge(someoneElses, New(DeploymentStatus.Active, state: null));

        Assert.That(verdict.Progress, Is.EqualTo(RolloutProgress.Superseded));
        Assert.That(verdict.Reason, Does.Contain("another deployment replaced ours").And.Contain("no longer the primary"));
    }

    [Test]
    public void Our_deployment_no_longer_primary_because_the_previous_revision_is_back_is_a_failure()
    {
        var back = new DeploymentSnapshot("dep-back", DeploymentStatus.Primary, "rev-old", 2, 0);

        var verdict = Judge(back, New(DeploymentStatus.Active, state: null));

        Assert.That(verdict.Progress, Is.EqualTo(RolloutProgress.Failed));
        Assert.That(verdict.Reason, Does.Contain("went back to rev-old"));
    }

    [Test]
    public void Without_a_deployment_id_our_deployment_is_found_by_revision()
    {
        var byRevision = Ours with { DeploymentId = null };

        var verdict = RolloutJudge.Judge(byRevision, new ServiceSnapshot("api", [New()], []));

        Assert.That(verdict.Progress, Is.EqualTo(RolloutProgress.Stable));
    }
}
