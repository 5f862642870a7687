using TikTimer.Delivery.Migrations;

namespace TikTimer.Delivery.Tests.Migrations;

public class MigrationJudgeTests
{
    private static OneOffTaskState Stopped(
        int? exitCode = null,
        string? stopCode = "EssentialContainerExited",
        string? stoppedReason = null,
        string? containerReason = null,
        bool everStarted = true,
        bool hasContainer = true) =>
        new(OneOffTaskStatus.Stopped, "STOPPED", exitCode, stopCode, stoppedReason, containerReason, everStarted, hasContainer);

    [Test]
    public void A_container_that_exited_zero_is_a_success()
    {
        var verdict = MigrationJudge.Judge(Stopped(exitCode: 0));

        Assert.That(verdict.Succeeded, Is.True);
    }

    [Test]
    public void A_non_zero_exit_fails_and_reports_the_code()
    {
        var verdict = MigrationJudge.Judge(Stopped(exitCode: 3));

        Assert.That(verdict.Succeeded, Is.False);
        Assert.That(verdict.ExitCode, Is.EqualTo(3));
        Assert.That(verdict.Reason, Does.Contain("exited with code 3"));
    }

    [Test]
    public void A_task_that_could_not_pull_its_image_fails_with_that_reason()
    {
        var verdict = MigrationJudge.Judge(Stopped(
            stopCode: "TaskFailedToStart",
            stoppedReason: "CannotPullContainerError: pull image manifest has been retried 5 time(s)",
            everStarted: false));

        Assert.That(verdict.Succeeded, Is.False);
        Assert.That(verdict.Reason, Does.Contain("failed to start").And.Contain("CannotPullContainerError"));
    }

    [Test]
    public void A_task_whose_resources_could_not_initialise_fails_with_that_reason()
    {
        var verdict = MigrationJudge.Judge(Stopped(
            stopCode: "TaskFailedToStart",
            stoppedReason: "Task failed to start",
            containerReason: "ResourceInitializationError: unable to pull secrets or registry auth"));

        Assert.That(verdict.Succeeded, Is.False);
        Assert.That(verdict.Reason, Does.Contain("ResourceInitializationError"));
    }

    [Test]
    public void A_task_that_went_from_pending_to_stopped_without_running_is_not_a_success()
    {
        var verdict = MigrationJudge.Judge(Stopped(exitCode: 0, stopCode: null, stoppedReason: "Essential container exited", everStarted: false));

        Assert.That(verdict.Succeeded, Is.False);
        Assert.That(verdict.Reason, Does.Contain("PENDING to STOPPED"));
    }

    [Test]
    public void A_container_without_an_exit_code_fails()
    {
        var verdict = MigrationJudge.Judge(Stopped(exitCode: null, containerReason: "OutOfMemoryError: Container killed due to memory usage"));

        Assert.That(verdict.Succeeded, Is.False);
        Assert.That(verdict.Reason, Does.Contain("without an exit code").And.Contain("OutOfMemoryError"));
    }

    [Test]
    public void A_task_without_the_migration_container_fails()
    {
        var verdict = MigrationJudge.Judge(Stopped(exitCode: null, hasContainer: false));

        Assert.That(verdict.Succeeded, Is.False);
        Assert.That(verdict.Reason, Does.Contain("no migration container"));
    }

    [Test]
    public void A_task_that_has_not_stopped_cannot_be_judged()
    {
        var running = new OneOffTaskState(OneOffTaskStatus.Running, "RUNNING", EverStarted: true);

        Assert.That(() => MigrationJudge.Judge(running), Throws.ArgumentException.With.Message.Contains("this one is RUNNING"));
    }

    [Test]
    public void A_failure_names_every_reason_the_platform_gave_and_the_stop_code()
    {
        var verdict = MigrationJudge.Judge(Stopped(exitCode: null, stopCode: "TaskFailedToStart", stoppedReason: "ResourceInitializationError", containerReason: "CannotPullContainerError"));

        Assert.That(verdict.Reason, Is.EqualTo("the task failed to start: ResourceInitializationError; CannotPullContainerError; stop code TaskFailedToStart"));
    }

    [Test]
    public void A_failure_without_a_stop_code_says_nothing_of_one()
    {
        var verdict = MigrationJudge.Judge(Stopped(exitCode: null, stopCode: null, containerReason: "OutOfMemoryError"));

        Assert.That(verdict.Reason, Is.EqualTo("the migration container stopped without an exit code: OutOfMemoryError"));
    }

    [Test]
    public void A_failure_with_no_reason_at_all_says_so()
    {
        var verdict = MigrationJudge.Judge(Stopped(exitCode: null, stopCode: null));

        Assert.That(verdict.Reason, Is.EqualTo("the migration container stopped without an exit code: no reason given"));
    }
}
