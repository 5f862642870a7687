using TikTimer.Delivery.Aws;
using TikTimer.Delivery.Aws.Ecs;
using TikTimer.Delivery.Aws.Platform;
using TikTimer.Delivery.Migrations;
using TikTimer.Delivery.Plan;

namespace TikTimer.Delivery.Tests.Aws.Platform;

public class EcsPlanReaderTests
{
    private const string Image = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/tiktimer@sha256:" + "ab12ab12ab12ab12ab12ab12ab12ab12ab12ab12ab12ab12ab12ab12ab12ab12";

    private FakeEcs _ecs = null!;
    private string _serving = null!;

    [SetUp]
    public void CreateFakes()
    {
        _ecs = new FakeEcs();
        _serving = _ecs.Seed(Definitions.Migration("tiktimer-api", container: "api"), new Tag("team", "tiktimer"));
        _ecs.OnDescribeServices = _ => new DescribeServicesResponse { Services = [new Service { ServiceName = "api", Status = "ACTIVE", TaskDefinition = _serving }] };
    }

    [Test]
    public async Task The_service_revision_is_the_serving_one_with_the_image_swapped_named_after_the_familys_latest_and_nothing_is_registered()
    {
        _ecs.Seed(Definitions.Migration("tiktimer-api", container: "api", image: "repo/tiktimer:newer"));

        var revision = (await Reader().ServiceRevisionAsync("api", "api", Image, CancellationToken.None)).ToRevision();

        Assert.That(revision.Current, Is.EqualTo("tiktimer-api:1"), "what serves, not the latest");
        Assert.That(revision.Next, Is.EqualTo("tiktimer-api:3"), "ECS numbers after the latest revision");
        Assert.That(revision.Diff.Where(l => l.TrimStart()[0] is '-' or '+'), Is.EqualTo(new[] { "-      \"image\": \"repo/tiktimer:old\",", $"+      \"image\": \"{Image}\"," }));
        Assert.That(_ecs.Recorded<RegisterTaskDefinitionRequest>(), Is.Empty);
        Assert.That(_ecs.Recorded<UpdateServiceRequest>(), Is.Empty);
    }

    [Test]
    public async Task A_migration_family_that_already_runs_the_image_would_register_nothing()
    {
        var family = _ecs.Seed(Definitions.Migration("tiktimer-migration", container: "migrate", image: Image));

        var revision = (await Reader().MigrationRevisionAsync(new OneOffTaskSpec("tiktimer-migration", Image, null), CancellationToken.None)).ToRevision();

        Assert.That(family, Does.EndWith("tiktimer-migration:1"));
        Assert.That(revision.Changes, Is.False);
        Assert.That(revision.Next, Is.EqualTo("tiktimer-migration:1"));
    }

    [Test]
    public void A_service_that_does_not_exist_is_named_with_the_settings_to_check()
    {
        _ecs.OnDescribeServices = _ => new DescribeServicesResponse();

        var error = Assert.ThrowsAsync<DeliveryException>(() => Reader().ServiceRevisionAsync("api", "api", Image, CancellationToken.None));

        Assert.That(error!.Message, Does.StartWith("Plan: ECS service 'api' was not found in cluster 'TikTimer-dev'").And.Contain("--services and --cluster"));
    }

    [Test]
    public void A_migration_family_without_a_revision_is_named_with_the_setting()
    {
        var error = Assert.ThrowsAsync<DeliveryException>(() => Reader().MigrationRevisionAsync(new OneOffTaskSpec("no-such-family", Image, null), CancellationToken.None));

        Assert.That(error!.Message, Does.Contain("'no-such-family' has no active revision").And.Contain("--migration-task-family"));
    }

    private EcsPlanReader Reader() => new(_ecs, "TikTimer-dev", "migrate");
}
