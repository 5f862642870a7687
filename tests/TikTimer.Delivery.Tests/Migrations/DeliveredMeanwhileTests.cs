using TikTimer.Delivery.Migrations;
using TikTimer.Delivery.Status;

namespace TikTimer.Delivery.Tests.Migrations;

public class DeliveredMeanwhileTests
{
    private const string Digest = "sha256:1111111111111111111111111111111111111111111111111111111111111111";
    private const string Other = "sha256:2222222222222222222222222222222222222222222222222222222222222222";
    private const string Image = $"127.0.0.1:5000/tiktimer@{Digest}";
    private static readonly DateTimeOffset RunStarted = new(2026, 12, 1, 14, 0, 0, TimeSpan.Zero);

    private static ServiceStatus Serving(string digest = Digest, int running = 1, int desired = 1, params string[] inProgress) =>
        new("api", "tiktimer-api-blue", $"127.0.0.1:5000/tiktimer@{digest}", null, running, desired, inProgress);

    private static OneOffTaskRun Migrated(string digest = Digest, int? exitCode = 0, int secondsAfterStart = 30) =>
        new("tiktimer-migrate-0a1b2c3d", $"127.0.0.1:5000/tiktimer@{digest}", "exited", exitCode, RunStarted.AddSeconds(secondsAfterStart));

    [Test]
    public void The_same_image_serving_and_migrated_with_exit_0_since_this_run_started_is_delivered_already()
    {
        var made = DeliveredMeanwhile.Judge(Image, RunStarted, [Serving()], Migrated());

        Assert.That(made, Does.Contain("another run delivered").And.Contain("tiktimer-migrate-0a1b2c3d").And.Contain("14:00:30 UTC").And.Contain("api serves it"));
    }

    [Test]
    public void A_different_image_serving_must_be_delivered()
    {
        Assert.That(DeliveredMeanwhile.Judge(Image, RunStarted, [Serving(Other)], Migrated()), Is.Null);
    }

    [Test]
    public void A_last_migration_of_another_image_must_be_migrated_again()
    {
        Assert.That(DeliveredMeanwhile.Judge(Image, RunStarted, [Serving()], Migrated(Other)), Is.Null);
    }

    [Test]
    public void A_failed_last_migration_of_this_image_must_be_migrated_again()
    {
        Assert.That(DeliveredMeanwhile.Judge(Image, RunStarted, [Serving()], Migrated(exitCode: 1)), Is.Null);
    }

    [Test]
    public void A_migration_still_running_or_that_never_ran_is_not_a_delivery()
    {
        Assert.That(DeliveredMeanwhile.Judge(Image, RunStarted, [Serving()], Migrated(exitCode: null)), Is.Null);
    }

    [Test]
    public void No_migration_known_to_the_platform_must_be_migrated()
    {
        Assert.That(DeliveredMeanwhile.Judge(Image, RunStarted, [Serving()], null), Is.Null);
    }

    [Test]
    public void A_delivery_that_finished_before_this_run_started_is_delivered_again_as_a_rerun_asks()
    {
        Assert.That(DeliveredMeanwhile.Judge(Image, RunStarted, [Serving()], Migrated(secondsAfterStart: -1)), Is.Null);
    }

    [Test]
    public void A_service_still_rolling_out_or_below_its_count_is_not_delivered()
    {
        Assert.Multiple(() =>
        {
            Assert.That(DeliveredMeanwhile.Judge(Image, RunStarted, [Serving(inProgress: "ecs-svc/1 ACTIVE IN_PROGRESS")], Migrated()), Is.Null);
            Assert.That(DeliveredMeanwhile.Judge(Image, RunStarted, [Serving(running: 1, desired: 2)], Migrated()), Is.Null);
            Assert.That(DeliveredMeanwhile.Judge(Image, RunStarted, [Serving(running: 0, desired: 0)], Migrated()), Is.Null);
        });
    }

    [Test]
    public void Every_service_must_serve_the_image()
    {
        var worker = Serving(Other) with { Service = "worker" };

        Assert.That(DeliveredMeanwhile.Judge(Image, RunStarted, [Serving(), worker], Migrated()), Is.Null);
    }

    [Test]
    public void An_image_given_by_tag_says_nothing_about_its_content_so_it_is_delivered()
    {
        Assert.That(DeliveredMeanwhile.Judge("127.0.0.1:5000/tiktimer:abc", RunStarted, [Serving()], Migrated()), Is.Null);
    }

    [Test]
    public void The_digest_decides_not_the_registry_address_it_was_read_with()
    {
        var ecr = new ServiceStatus("api", "arn:aws:ecs:eu-west-1:123456789012:task-definition/api:7", $"123456789012.dkr.ecr.eu-west-1.amazonaws.com/tiktimer@{Digest}", null, 2, 2, []);
        var migrated = Migrated() with { Image = $"123456789012.dkr.ecr.eu-west-1.amazonaws.com/tiktimer@{Digest}" };

        Assert.That(DeliveredMeanwhile.Judge($"123456789012.dkr.ecr.eu-west-1.amazonaws.com/tiktimer@{Digest}", RunStarted, [ecr], migrated), Is.Not.Null);
    }
}
