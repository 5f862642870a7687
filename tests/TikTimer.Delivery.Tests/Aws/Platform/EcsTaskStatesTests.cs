using TikTimer.Delivery.Aws.Ecs;
using TikTimer.Delivery.Aws.Platform;
using TikTimer.Delivery.Migrations;

namespace TikTimer.Delivery.Tests.Aws.Platform;

public class EcsTaskStatesTests
{
    [TestCase("PROVISIONING", OneOffTaskStatus.Pending)]
    [TestCase("PENDING", OneOffTaskStatus.Pending)]
    [TestCase("ACTIVATING", OneOffTaskStatus.Pending)]
    [TestCase("RUNNING", OneOffTaskStatus.Running)]
    [TestCase("DEACTIVATING", OneOffTaskStatus.Stopping)]
    [TestCase("STOPPING", OneOffTaskStatus.Stopping)]
    [TestCase("DEPROVISIONING", OneOffTaskStatus.Stopping)]
    [TestCase("STOPPED", OneOffTaskStatus.Stopped)]
    [TestCase("DELETED", OneOffTaskStatus.Stopped)]
    [TestCase("SOMETHING_NEW", OneOffTaskStatus.Pending)]
    [TestCase(null, OneOffTaskStatus.Pending)]
    public void Each_ECS_status_maps_to_its_lifecycle_stage(string? lastStatus, OneOffTaskStatus expected)
    {
        Assert.That(EcsTaskStates.Status(lastStatus), Is.EqualTo(expected));
    }

    [Test]
    public void The_exit_code_is_the_named_container_s_not_the_first_one_s()
    {
        var task = Stopped(new Container { Name = "sidecar", ExitCode = 0 }, new Container { Name = "migrate", ExitCode = 3 });

        var state = EcsTaskStates.ToState(task, "migrate");

        Assert.That(state.ExitCode, Is.EqualTo(3));
        Assert.That(state.HasContainer, Is.True);
    }

    [Test]
    public void A_task_without_the_named_container_has_no_container()
    {
        var state = EcsTaskStates.ToState(Stopped(new Container { Name = "other", ExitCode = 0 }), "migrate");

        Assert.That(state.HasContainer, Is.False);
        Assert.That(state.ExitCode, Is.Null);
    }

    [Test]
    public void A_task_that_failed_to_start_carries_its_stop_code_and_reasons_and_never_started()
    {
        var task = Stopped(new Container { Name = "migrate", Reason = "CannotPullContainerError: pull access denied" }) with
        {
            StopCode = "TaskFailedToStart",
            StoppedReason = "CannotPullContainerError: ref not found",
        };

        var state = EcsTaskStates.ToState(task, "migrate");

        Assert.That(state.StopCode, Is.EqualTo("TaskFailedToStart"));
        Assert.That(state.StoppedReason, Is.EqualTo("CannotPullContainerError: ref not found"));
        Assert.That(state.ContainerReason, Is.EqualTo("CannotPullContainerError: pull access denied"));
        Assert.That(state.EverStarted, Is.False);
    }

    [Test]
    public void StartedAt_proves_the_task_started()
    {
        var started = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);
        var state = EcsTaskStates.ToState(Stopped(new Container { Name = "migrate" }) with { StartedAt = started }, "migrate");

        Assert.That(state.EverStarted, Is.True);
        Assert.That(state.StartedAt, Is.EqualTo(started));
    }

    [Test]
    public void A_task_seen_running_earlier_started_even_without_startedAt()
    {
        var state = EcsTaskStates.ToState(Stopped(new Container { Name = "migrate" }), "migrate", seenRunning: true);

        Assert.That(state.EverStarted, Is.True);
    }

    [Test]
    public void An_exit_code_proves_the_container_ran()
    {
        var state = EcsTaskStates.ToState(Stopped(new Container { Name = "migrate", ExitCode = 0 }), "migrate");

        Assert.That(state.EverStarted, Is.True);
    }

    [Test]
    public void A_task_that_went_from_pending_to_stopped_with_no_evidence_never_started()
    {
        var state = EcsTaskStates.ToState(Stopped(new Container { Name = "migrate", LastStatus = "STOPPED" }), "migrate");

        Assert.That(state.EverStarted, Is.False);
        Assert.That(MigrationJudge.Judge(state).Succeeded, Is.False);
    }

    [Test]
    public void Empty_reasons_are_no_reasons()
    {
        var state = EcsTaskStates.ToState(Stopped(new Container { Name = "migrate", ExitCode = 0, Reason = "" }) with { StoppedReason = "", StopCode = "" }, "migrate");

        Assert.That(state.StoppedReason, Is.Null);
        Assert.That(state.ContainerReason, Is.Null);
        Assert.That(state.StopCode, Is.Null);
    }

    private static EcsTask Stopped(params Container[] containers) => new()
    {
        TaskArn = "arn:aws:ecs:eu-west-1:123456789012:task/c/abc",
        LastStatus = "STOPPED",
        Containers = containers,
    };
}
