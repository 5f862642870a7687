using TikTimer.Delivery.Configuration;

namespace TikTimer.Delivery.Tests.Configuration;

/// <summary>Required settings are those of the tasks that will run; every given value is still checked.</summary>
public class SettingsForTasksTests
{
    private const string Image = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/tiktimer@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
    private SettingsFixture _fixture = null!;

    [SetUp]
    public void SetUp()
    {
        _fixture = new SettingsFixture();
        _fixture.Arguments["environment"] = "dev";
    }

    [TearDown]
    public void TearDown() => _fixture.Dispose();

    [Test]
    public void A_migration_alone_on_aws_does_not_ask_for_the_services_or_the_smoke_url()
    {
        _fixture.WriteFile("deploy/dev.json", """
            { "platform": "aws", "region": "eu-west-1", "cluster": "c", "migration-task-family": "f",
              "subnets": "subnet-0123456789abcdef0", "security-groups": "sg-0123456789abcdef0" }
            """);
        _fixture.Arguments["image"] = Image;
        _fixture.Tasks = ["MigrateViaEcs"];

        var settings = _fixture.Resolve().Settings;

        Assert.That(settings.Services, Is.Empty);
        Assert.That(settings.SmokeBaseUrl, Is.Null);
    }

    [Test]
    public void A_migration_alone_on_aws_still_needs_what_the_migration_reads_and_says_so()
    {
        _fixture.WriteFile("deploy/dev.json", """{ "platform": "aws", "region": "eu-west-1" }""");
        _fixture.Arguments["image"] = Image;
        _fixture.Tasks = ["MigrateViaEcs"];

        var error = _fixture.ResolveFails();

        Assert.That(error.Problems.Select(p => p.Key), Is.EquivalentTo(new[] { "cluster", "migration-task-family", "subnets", "security-groups" }));
        Assert.That(error.Message, Does.Contain("migration-task-family: is required on the aws platform by MigrateViaEcs. Set it with --migration-task-family=..., TIKTIMER_MIGRATION_TASK_FAMILY or MIGRATION_TASK_FAMILY"));
    }

    [Test]
    public void A_given_value_is_checked_even_when_no_task_of_this_run_reads_it()
    {
        _fixture.WriteFile("deploy/dev.json", """
            { "platform": "aws", "region": "eu-west-1", "cluster": "c", "migration-task-family": "f",
              "subnets": "subnet-0123456789abcdef0", "security-groups": "sg-0123456789abcdef0" }
            """);
        _fixture.Arguments["smoke-timeout"] = "soon";
        _fixture.Arguments["image"] = Image;
        _fixture.Tasks = ["MigrateViaEcs"];

        Assert.That(_fixture.ResolveFails().Problems.Single().Key, Is.EqualTo("smoke-timeout"));
    }

    [Test]
    public void Validate_checks_everything_the_chain_needs_and_names_the_task_that_needs_each_value()
    {
        _fixture.WriteFile("deploy/dev.json", SettingsFixture.ValidAwsEnvironment.Replace("\"smoke-base-url\": \"alb.example.com\"", "\"rollback\": true", StringComparison.Ordinal));
        _fixture.Tasks = ["Validate"];

        var error = _fixture.ResolveFails();

        Assert.That(error.Problems.Single().Key, Is.EqualTo("smoke-base-url"));
        Assert.That(error.Message, Does.Contain("is required on the aws platform by SmokeTest").And.Contain("ALB_DNS").And.Contain("alb_dns_name"));
    }

    [Test]
    public void The_local_platform_requires_nothing_beyond_its_defaults()
    {
        _fixture.Arguments.Remove("environment");

        Assert.That(() => _fixture.Resolve(), Throws.Nothing);
    }

    [TestCase("Deploy", "Deploy")]
    [TestCase("MigrateViaEcs", "MigrateViaEcs")]
    public void A_later_step_alone_without_an_image_is_refused_before_it_starts(string task, string named)
    {
        _fixture.Arguments.Remove("environment");
        _fixture.Tasks = [task];

        var error = _fixture.ResolveFails();

        Assert.That(error.Message, Does.Contain($"image: is required by {named} when PushToEcr does not run first (--exclusive)").And.Contain("--image=..."));
    }

    [Test]
    public void The_smoke_test_alone_needs_no_image()
    {
        _fixture.Arguments.Remove("environment");
        _fixture.Tasks = ["SmokeTest"];

        Assert.That(() => _fixture.Resolve(), Throws.Nothing);
    }

    [TestCase(new[] { "Validate" }, DeliveryTask.Chain)]
    [TestCase(new[] { "validate", "BuildImage" }, DeliveryTask.Validate | DeliveryTask.BuildImage)]
    [TestCase(new[] { "MigrateViaEcs" }, DeliveryTask.MigrateViaEcs)]
    [TestCase(new[] { "Validate", "BuildImage", "PushToEcr", "MigrateViaEcs", "Deploy", "SmokeTest", "Default" }, DeliveryTask.Chain)]
    [TestCase(new[] { "QuotesItsLogs" }, DeliveryTask.None)]
    public void The_tasks_to_check_are_those_that_run_with_Validate_alone_standing_for_the_chain(string[] names, DeliveryTask expected) =>
        Assert.That(DeliveryTasks.ToCheck(names), Is.EqualTo(expected));
}
