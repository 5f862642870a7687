using TikTimer.Delivery.Migrations;
using TikTimer.Delivery.Rollout;

namespace TikTimer.Build.Tests;

public class RunSummaryTests
{
    [Test]
    public void After_a_failed_smoke_test_only_a_rollback_that_succeeded_is_recorded_as_rolled_back()
    {
        var state = new PipelineState
        {
            Deploy = new DeployResult([new RolloutHandle("api", "api:2", "api:1"), new RolloutHandle("worker", "worker:2", "worker:1")]),
            Rollbacks =
            [
                new RollbackReport("api", true, "api: rolled back; the previous revision api:1 is serving again."),
                new RollbackReport("worker", false, "worker: ROLLBACK to worker:1 did not become stable (timed out); the service needs attention."),
            ],
        };

        var summary = RunSummary.Markdown("dev", successful: false, state);

        Assert.That(summary, Does.Contain("api: rolled back; the previous revision api:1 is serving again."));
        Assert.That(summary, Does.Contain("ROLLBACK FAILED: worker: ROLLBACK to worker:1 did not become stable"));
        Assert.That(summary, Does.Not.Contain("worker: rolled back"));
        Assert.That(summary, Does.Not.Contain("api: api:"), "each report names its service once");
    }

    [Test]
    public void A_failed_migration_is_recorded_with_its_task_and_exit_code_from_what_the_task_threw()
    {
        var task = new OneOffTaskHandle("arn:aws:ecs:eu-west-1:123456789012:task/c/abc", "abc", "aws ecs stop-task --task abc");
        var verdict = MigrationJudge.Judge(new OneOffTaskState(OneOffTaskStatus.Stopped, "STOPPED", ExitCode: 3, StoppedReason: "Essential container in task exited", EverStarted: true));
        var state = new PipelineState();
        state.Tasks.Add(new TaskRecord("MigrateViaEcs", TimeSpan.FromSeconds(4), "failed", new MigrationFailedException(task, verdict, [])));

        var summary = RunSummary.Markdown("dev", successful: false, state);

        Assert.That(summary, Does.Contain("## TikTimer delivery: dev (failed)"));
        Assert.That(summary, Does.Contain("| Migration task | `arn:aws:ecs:eu-west-1:123456789012:task/c/abc` |"));
        Assert.That(summary, Does.Contain("| Migration exit code | `3` |"));
        Assert.That(summary, Does.Contain("| Task MigrateViaEcs | `failed in 00:00:04` |"));
    }
}
