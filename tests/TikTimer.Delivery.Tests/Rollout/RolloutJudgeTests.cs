using TikTimer.Delivery.Rollout;
using static TikTimer.Delivery.Tests.Fakes.FakeServiceRolloutPlatform;

namespace TikTimer.Delivery.Tests.Rollout;

/// <summary>
/// Each test's snapshot differs from the stable one (<see cref="New"/> alone: ours, PRIMARY,
/// COMPLETED, at full count) in exactly the rule its name states, so it fails for that reason only.
/// </summary>
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
        Assert.That(verdict.Ours, Is.EqualTo(New()));
        Assert.That(verdict.Reason, Is.EqualTo("deployment dep-new is stable with 2 task(s) running"));
    }

    [Test]
    public void A_deployment_alone_at_full_count_whose_rollout_is_still_in_progress_is_in_progress()
    {
        var verdict = Judge(New(state: RolloutState.InProgress));

        Assert.That(verdict.Progress, Is.EqualTo(RolloutProgress.InProgress));
        Assert.That(verdict.Reason, Is.EqualTo("rollout in progress"));
    }

    [Test]
    public void A_failed_rollout_state_fails_even_when_our_deployment_is_primary_at_full_count_and_alone()
    {
        var verdict = Judge(New(state: RolloutState.Failed, reason: "ECS deployment circuit breaker: tasks failed to start."));

        Assert.That(verdict.Progress, Is.EqualTo(RolloutProgress.Failed));
        Assert.That(verdict.Reason, Is.EqualTo("deployment dep-new failed: ECS deployment circuit breaker: tasks failed to start. (circuit breaker)"));
        Assert.That(verdict.Ours, Is.Not.Null);
    }

    [Test]
    public void A_failed_rollout_state_without_a_reason_says_so()
    {
        var verdict = Judge(New(state: RolloutState.Failed));

        Assert.That(verdict.Progress, Is.EqualTo(RolloutProgress.Failed));
        Assert.That(verdict.Reason, Does.Contain("rolloutState FAILED"));
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
        var verdict = Judge(New(), Old(running: 1));

        Assert.That(verdict.Progress, Is.EqualTo(RolloutProgress.InProgress));
        Assert.That(verdict.Reason, Is.EqualTo("1 older deployment(s) still draining"));
    }

    [Test]
    public void An_inactive_deployment_beside_ours_is_not_draining()
    {
        var verdict = Judge(New(), Old(DeploymentStatus.Inactive, running: 0));

        Assert.That(verdict.Progress, Is.EqualTo(RolloutProgress.Stable));
    }

    [Test]
    public void Fewer_tasks_running_than_desired_is_in_progress()
    {
        var verdict = Judge(New(running: 1));

        Assert.That(verdict.Progress, Is.EqualTo(RolloutProgress.InProgress));
        Assert.That(verdict.Reason, Is.EqualTo("1 of 2 task(s) running"));
    }

    [Test]
    public void More_tasks_running_than_desired_is_in_progress()
    {
        var verdict = Judge(New(desired: 2, running: 3));

        Assert.That(verdict.Progress, Is.EqualTo(RolloutProgress.InProgress));
        Assert.That(verdict.Reason, Is.EqualTo("3 of 2 task(s) running"));
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
        Assert.That(verdict.Reason, Does.Contain("the deployment of rev-new is gone"));
        Assert.That(verdict.Ours, Is.Null);
    }

    [Test]
    public void Our_deployment_replaced_by_someone_elses_release_is_superseded()
    {
        var verdict = Judge(New(DeploymentStatus.Active));

        Assert.That(verdict.Progress, Is.EqualTo(RolloutProgress.Superseded));
        Assert.That(verdict.Reason, Does.Contain("another deployment replaced ours").And.Contain("no longer the primary"));
    }

    [Test]
    public void Our_deployment_replaced_names_the_release_that_is_primary_now()
    {
        var theirs = new DeploymentSnapshot("dep-theirs", DeploymentStatus.Primary, "rev-theirs", 2, 0);

        var verdict = Judge(theirs, New(DeploymentStatus.Active));

        Assert.That(verdict.Progress, Is.EqualTo(RolloutProgress.Superseded));
        Assert.That(verdict.Reason, Is.EqualTo(
            "another deployment replaced ours: deployment dep-new is no longer the primary deployment (status Active); rev-theirs is the primary deployment now"));
    }

    [Test]
    public void Our_deployment_gone_with_a_third_revision_primary_is_superseded_not_a_rollback()
    {
        // The previous revision still draining beside it must not make this look like a rollback.
        var theirs = new DeploymentSnapshot("dep-theirs", DeploymentStatus.Primary, "rev-theirs", 2, 2);

        var verdict = Judge(theirs, Old());

        Assert.That(verdict.Progress, Is.EqualTo(RolloutProgress.Superseded));
        Assert.That(verdict.Reason, Is.EqualTo("another deployment replaced ours: rev-theirs is now the primary deployment and rev-new is gone"));
        Assert.That(verdict.Ours, Is.Null);
    }

    [Test]
    public void Our_deployment_no_longer_primary_with_no_primary_at_all_says_only_that()
    {
        var verdict = Judge(New(DeploymentStatus.Active));

        Assert.That(verdict.Reason, Is.EqualTo("another deployment replaced ours: deployment dep-new is no longer the primary deployment (status Active)"));
    }

    [Test]
    public void Found_by_revision_and_gone_is_a_failure_too()
    {
        var verdict = RolloutJudge.Judge(Ours with { DeploymentId = null }, new ServiceSnapshot("api", [Old(DeploymentStatus.Primary)], []));

        Assert.That(verdict.Progress, Is.EqualTo(RolloutProgress.Failed));
        Assert.That(verdict.Reason, Does.Contain("the deployment of rev-new is gone"));
    }

    [Test]
    public void Our_deployment_gone_with_no_primary_left_is_a_failure()
    {
        var verdict = Judge(Old());

        Assert.That(verdict.Progress, Is.EqualTo(RolloutProgress.Failed));
        Assert.That(verdict.Reason, Is.EqualTo("the deployment of rev-new is gone from the service (rolled back?)"));
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

        var verdict = RolloutJudge.Judge(byRevision, new ServiceSnapshot("api", [Old(DeploymentStatus.Inactive, running: 0), New()], []));

        Assert.That(verdict.Progress, Is.EqualTo(RolloutProgress.Stable));
        Assert.That(verdict.Ours!.Id, Is.EqualTo("dep-new"));
    }

    [Test]
    public void Of_two_deployments_of_the_same_revision_found_by_revision_the_primary_one_is_ours()
    {
        // A rollback to rev-old while the first deployment of rev-old still drains.
        var rollback = new RolloutHandle("api", "rev-old", "rev-new");
        var draining = Old(DeploymentStatus.Active);
        var rollingBack = new DeploymentSnapshot("dep-rollback", DeploymentStatus.Primary, "rev-old", 2, 1, 1, 0, RolloutState.InProgress);

        var verdict = RolloutJudge.Judge(rollback, new ServiceSnapshot("api", [draining, rollingBack], []));

        Assert.That(verdict.Ours!.Id, Is.EqualTo("dep-rollback"));
        Assert.That(verdict.Progress, Is.EqualTo(RolloutProgress.InProgress));
    }

    [Test]
    public void Of_two_deployments_of_the_same_revision_the_deployment_id_decides_which_is_ours()
    {
        // Someone else deployed the same revision after us: ours was replaced.
        var someoneElses = new DeploymentSnapshot("dep-other", DeploymentStatus.Primary, "rev-new", 2, 0, 2, 0, RolloutState.InProgress);

        var verdict = Judge(someoneElses, New(DeploymentStatus.Active));

        Assert.That(verdict.Ours!.Id, Is.EqualTo("dep-new"));
        Assert.That(verdict.Progress, Is.EqualTo(RolloutProgress.Superseded));
    }

    [Test]
    public void Only_failed_and_stable_are_final()
    {
        Assert.That(Judge(New()).IsFinal, Is.True);
        Assert.That(Judge(New(state: RolloutState.Failed)).IsFinal, Is.True);
        Assert.That(Judge(New(running: 1)).IsFinal, Is.False);
    }
}
