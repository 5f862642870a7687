using TikTimer.Delivery.Records;
using TikTimer.Delivery.Rollbacks;
using TikTimer.Delivery.Tests.Records;

namespace TikTimer.Delivery.Tests.Rollbacks;

public class RollbackPlannerTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    [Test]
    public void By_default_it_goes_back_to_the_image_before_the_last_successful_delivery_and_names_the_migrations_since()
    {
        var history = Newest(
            Delivery(1, "repo@sha256:one"),
            Delivery(2, "repo@sha256:two"),
            Delivery(3, "repo@sha256:three", succeeded: false),
            Delivery(4, "repo@sha256:four"));

        var target = RollbackPlanner.Plan(history, null, "dev");

        Assert.That(target.Image, Is.EqualTo("repo@sha256:two"));
        Assert.That(target.Because, Does.Contain("repo@sha256:four"));
        Assert.That(target.MigrationsSince.Select(r => r.Image), Is.EqualTo(new[] { "repo@sha256:four" }), "the failed run's migration did not succeed");
        Assert.That(RollbackPlanner.SchemaWarning(target), Has.Some.Contains("task task-4 of repo@sha256:four"));
        Assert.That(RollbackPlanner.SchemaWarning(target).First(), Does.Contain("stays at its current schema"));
    }

    [Test]
    public void Re_deliveries_of_the_same_digest_are_not_a_before()
    {
        var history = Newest(Delivery(1, "repo@sha256:one"), Delivery(2, "repo@sha256:two"), Delivery(3, "repo@sha256:two"));

        Assert.That(RollbackPlanner.Plan(history, null, "dev").Image, Is.EqualTo("repo@sha256:one"));
    }

    [Test]
    public void A_given_image_must_be_pinned_by_digest_and_one_never_delivered_has_unknown_migrations()
    {
        var history = Newest(Delivery(1, "repo@sha256:one"));

        var error = Assert.Throws<DeliveryException>(() => RollbackPlanner.Plan(history, "repo:latest", "dev"));
        var target = RollbackPlanner.Plan(history, "other@sha256:zzz", "dev");

        Assert.That(error!.Message, Does.Contain("--to-image=repo:latest is not pinned by digest"));
        Assert.That(target.MigrationsUnknown, Is.True);
        Assert.That(target.Version, Is.Null);
        Assert.That(RollbackPlanner.SchemaWarning(target), Has.Some.Contains("is unknown"));
    }

    [Test]
    public void Without_an_earlier_delivery_there_is_nothing_to_go_back_to()
    {
        Assert.That(() => RollbackPlanner.Plan([], null, "dev"), Throws.TypeOf<DeliveryException>().With.Message.Contains("no successful delivery of environment 'dev'"));
        Assert.That(() => RollbackPlanner.Plan(Newest(Delivery(1, "repo@sha256:one")), null, "dev"), Throws.TypeOf<DeliveryException>().With.Message.Contains("--to-image"));
    }

    private static DeliveryRecord Delivery(int hour, string image, bool succeeded = true) =>
        DeliveryRecordStoreTests.Record("dev", Start.AddHours(hour), succeeded, image) with
        {
            Tag = $"v{hour}",
            Migration = new MigrationRecord("fam", $"task-{hour}", succeeded ? 0 : 1, succeeded, []),
        };

    private static List<DeliveryRecord> Newest(params DeliveryRecord[] records) => [.. records.OrderByDescending(r => r.FinishedAt)];
}
