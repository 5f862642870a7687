using TikTimer.Delivery.Docker;
using TikTimer.Delivery.Local;
using TikTimer.Delivery.Migrations;

namespace TikTimer.Delivery.Tests.Local;

public class LocalTaskStateTests
{
    private static readonly DateTimeOffset Started = new(2026, 11, 24, 4, 0, 0, TimeSpan.Zero);

    [Test]
    public void A_created_container_is_pending()
    {
        var state = LocalTaskState.From(Container("created", started: false));

        Assert.That(state.Status, Is.EqualTo(OneOffTaskStatus.Pending));
        Assert.That(state.EverStarted, Is.False);
    }

    [Test]
    public void A_created_container_with_an_error_failed_to_start_and_is_judged_so()
    {
        var state = LocalTaskState.From(Container("created", started: false, exitCode: 127, error: "exec: \"/migrate\": no such file"));

        Assert.That(state.Status, Is.EqualTo(OneOffTaskStatus.Stopped));
        Assert.That(state.StopCode, Is.EqualTo(OneOffTaskState.TaskFailedToStart));
        Assert.That(MigrationJudge.Judge(state).Reason, Does.Contain("no such file"));
    }

    [Test]
    public void A_running_container_is_running_and_has_started()
    {
        var state = LocalTaskState.From(Container("running"));

        Assert.That(state.Status, Is.EqualTo(OneOffTaskStatus.Running));
        Assert.That(state.EverStarted, Is.True);
    }

    [Test]
    public void A_container_being_removed_is_stopping()
    {
        Assert.That(LocalTaskState.From(Container("removing")).Status, Is.EqualTo(OneOffTaskStatus.Stopping));
    }

    [Test]
    public void An_exited_container_is_stopped_with_its_exit_code()
    {
        var state = LocalTaskState.From(Container("exited", exitCode: 3));

        Assert.That(state.Status, Is.EqualTo(OneOffTaskStatus.Stopped));
        Assert.That(state.ExitCode, Is.EqualTo(3));
        Assert.That(state.EverStarted, Is.True);
        Assert.That(MigrationJudge.Judge(state).ExitCode, Is.EqualTo(3));
    }

    [Test]
    public void An_exited_container_with_code_0_passes_the_judge()
    {
        Assert.That(MigrationJudge.Judge(LocalTaskState.From(Container("exited", exitCode: 0))).Succeeded, Is.True);
    }

    [Test]
    public void A_dead_container_that_never_started_has_no_exit_code_and_fails()
    {
        var state = LocalTaskState.From(Container("dead", started: false, exitCode: 0));

        Assert.That(state.ExitCode, Is.Null);
        Assert.That(MigrationJudge.Judge(state).Succeeded, Is.False);
    }

    [Test]
    public void An_out_of_memory_kill_is_the_container_reason()
    {
        var state = LocalTaskState.From(Container("exited", exitCode: 137, oom: true));

        Assert.That(state.ContainerReason, Does.StartWith("OutOfMemoryError"));
    }

    private static DockerContainerState Container(string status, bool started = true, int exitCode = 0, bool oom = false, string error = "") =>
        new("id", "tiktimer-migrate-0a1b2c3d", status, status == "running", exitCode, oom, error,
            started ? Started : null, status is "exited" or "dead" ? Started.AddSeconds(5) : null,
            new Dictionary<string, string>());
}
