using TikTimer.Delivery.Configuration;
using TikTimer.Delivery.Images;
using TikTimer.Delivery.Migrations;
using TikTimer.Delivery.Rollout;
using TikTimer.Delivery.Smoke;

namespace TikTimer.Build.Tests;

public class DeliveryRecordFactoryTests
{
    [Test]
    public void A_whole_run_records_image_commit_revisions_migration_verdicts_smoke_and_durations()
    {
        var state = new PipelineState
        {
            Target = "Default",
            StartedAt = At(0),
            Build = new ImageBuildResult("sha256:local", "tiktimer", new ImageTags("abc1234", []), "abc1234abc1234abc1234abc1234abc1234abc12", false, At(0)),
            Push = new ImagePushResult("127.0.0.1:5000/tiktimer", "abc1234", "sha256:feed", true, []),
            Migration = new MigrationResult(new OneOffTaskHandle("c1", "mig-1", "docker stop mig-1"), new OneOffTaskState(OneOffTaskStatus.Stopped, "exited", ExitCode: 0, EverStarted: true), TimeSpan.FromSeconds(3)) { Applied = ["0001_users", "0002_social_accounts"] },
            MigrationFamily = "tiktimer-local-migration",
            Deploy = new DeployResult([new RolloutHandle("api", "api-2", "api-1")]),
            Smoke = new SmokeResult(new Uri("http://127.0.0.1:18080/"), 2, TimeSpan.FromSeconds(1)),
        };
        state.Tasks.Add(new TaskRecord("PushToEcr", TimeSpan.FromSeconds(2.5), "succeeded", null));

        var record = DeliveryRecordFactory.From(Settings(), successful: true, state, At(60));

        Assert.That(DeliveryRecordFactory.IsDelivery(state), Is.True);
        Assert.That(record.Image, Is.EqualTo("127.0.0.1:5000/tiktimer@sha256:feed"));
        Assert.That(record.Digest, Is.EqualTo("sha256:feed"));
        Assert.That(record.Commit, Is.EqualTo("abc1234abc1234abc1234abc1234abc1234abc12"));
        Assert.That(record.Revisions.Single(), Is.EqualTo(new Delivery.Records.RevisionRecord("api", "api-2", "api-1")));
        Assert.That(record.Migration!.ExitCode, Is.EqualTo(0));
        Assert.That(record.Migration.Family, Is.EqualTo("tiktimer-local-migration"));
        Assert.That(record.Migration.Applied, Is.EqualTo(new[] { "0001_users", "0002_social_accounts" }), "what the task's log said it applied");
        Assert.That(record.Rollouts.Single().Verdict, Is.EqualTo("stable"));
        Assert.That(record.Smoke!.Passed, Is.True);
        Assert.That(record.Tasks.Single().Seconds, Is.EqualTo(2.5));
        Assert.That(record.StartedAt, Is.EqualTo(At(0)));
    }

    [Test]
    public void A_failed_smoke_test_and_its_rollback_are_recorded_as_such()
    {
        var state = new PipelineState { DeployedImage = "repo@sha256:given", Deploy = new DeployResult([new RolloutHandle("api", "api-2", "api-1")]) };
        state.Rollbacks = [new RollbackReport("api", true, "api: rolled back to api-1")];
        var failure = new SmokeTestFailedException(new SmokeCheckFailure(new Uri("http://127.0.0.1:1/health"), 500, "status 500"), 4, TimeSpan.FromSeconds(10));
        state.Tasks.Add(new TaskRecord("SmokeTest", TimeSpan.FromSeconds(10), "failed", failure));

        var record = DeliveryRecordFactory.From(Settings(), successful: false, state, At(60));

        Assert.That(record.Succeeded, Is.False);
        Assert.That(record.Digest, Is.EqualTo("sha256:given"));
        Assert.That(record.Smoke, Is.EqualTo(new Delivery.Records.SmokeRecord("http://127.0.0.1:1/health", false, 4, "status 500")));
        Assert.That(record.Rollbacks.Single().Verdict, Is.EqualTo("rolled back"));
    }

    [Test]
    public void Runs_that_only_validate_or_read_are_not_deliveries()
    {
        var state = new PipelineState();
        state.Tasks.Add(new TaskRecord("Validate", TimeSpan.FromSeconds(1), "succeeded", null));
        state.Tasks.Add(new TaskRecord("Deploy", TimeSpan.Zero, "skipped", null));

        Assert.That(DeliveryRecordFactory.IsDelivery(state), Is.False);
    }

    private static DateTimeOffset At(int second) => new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero).AddSeconds(second);

    private static DeliverySettings Settings() =>
        SettingsResolver.Resolve(new SettingsInputs(new Dictionary<string, string>(), _ => null, RepositoryRoot())).Settings;

    // The defaults name the sample's files, which the settings check exist.
    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "TikTimer.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("TikTimer.sln not found above the test directory");
    }
}
