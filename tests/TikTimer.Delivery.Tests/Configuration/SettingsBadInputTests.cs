using TikTimer.Delivery.Configuration;
namespace TikTimer.Delivery.Tests.Configuration;

public class SettingsBadInputTests
{
    private SettingsFixture _fixture = null!;

    [SetUp]
    public void SetUp() => _fixture = new SettingsFixture();

    [TearDown]
    public void TearDown() => _fixture.Dispose();

    [Test]
    public void An_unknown_environment_names_the_missing_file_and_the_known_environments()
    {
        _fixture.WriteFile("deploy/dev.json", SettingsFixture.ValidAwsEnvironment);
        _fixture.Arguments["environment"] = "prod";

        var error = _fixture.ResolveFails();

        Assert.That(error.Message, Does.Contain("Unknown environment 'prod'").And.Contain("deploy/prod.json").And.Contain("dev, local"));
        Assert.That(error.Problems, Has.Count.EqualTo(1), "platform rules are not piled on an unknown environment");
    }

    [Test]
    public void A_subnet_list_with_an_empty_item_is_rejected_with_its_position()
    {
        _fixture.WriteFile("deploy/dev.json", SettingsFixture.ValidAwsEnvironment);
        _fixture.Arguments["environment"] = "dev";
        _fixture.Variables["APP_SUBNET_IDS"] = "subnet-1, ,";

        var error = _fixture.ResolveFails();

        Assert.That(error.Message, Does.Contain("subnets").And.Contain("environment variable APP_SUBNET_IDS").And.Contain("item 2"));
    }

    [Test]
    public void The_aws_platform_without_subnets_or_security_groups_reports_both_at_once()
    {
        _fixture.WriteFile("deploy/dev.json", """{ "platform": "aws", "region": "eu-west-1", "cluster": "c", "services": "api", "migration-task-family": "f", "smoke-base-url": "alb" }""");
        _fixture.Arguments["environment"] = "dev";

        var error = _fixture.ResolveFails();

        Assert.That(error.Problems.Select(p => p.Key), Is.EquivalentTo(new[] { "subnets", "security-groups" }));
        Assert.That(error.Message, Does.Contain("APP_SUBNET_IDS").And.Contain("APP_SECURITY_GROUP"));
    }

    [Test]
    public void An_unparseable_timeout_names_the_key_the_value_and_the_accepted_forms()
    {
        _fixture.Arguments["migration-timeout"] = "ten";

        var error = _fixture.ResolveFails();

        Assert.That(error.Message, Does.Contain("migration-timeout").And.Contain("'ten'").And.Contain("--migration-timeout").And.Contain("10m"));
    }

    [TestCase("migration-timeout", "25h", "1 s to 24h00m")]
    [TestCase("deploy-timeout", "5s", "10 s to 6h00m")]
    [TestCase("smoke-timeout", "2h", "100 ms to 1h00m")]
    public void A_timeout_outside_what_its_step_supports_is_rejected_before_anything_runs(string key, string value, string range)
    {
        _fixture.Arguments[key] = value;

        var error = _fixture.ResolveFails();

        Assert.That(error.Message, Does.Contain($"'{value}' (from --{key})").And.Contain(range));
    }

    [Test]
    public void A_timeout_with_more_digits_than_a_duration_holds_is_rejected_not_a_crash()
    {
        _fixture.Arguments["migration-timeout"] = "99999999999999999999h";

        var error = _fixture.ResolveFails();

        Assert.That(error.Message, Does.Contain("migration-timeout").And.Contain("1 s to 24h00m"));
    }

    [Test]
    public void An_environment_file_with_a_syntax_error_names_the_file_and_line()
    {
        _fixture.WriteFile("deploy/dev.json", "{\n  \"platform\": \"aws\",\n  \"region\" \"eu-west-1\"\n}\n");
        _fixture.Arguments["environment"] = "dev";

        var error = _fixture.ResolveFails();

        Assert.That(error.Message, Does.Contain("deploy/dev.json is not valid JSON: line 3"));
    }

    [Test]
    public void A_terraform_outputs_file_that_is_not_json_is_rejected()
    {
        _fixture.WriteFile("tf.json", "Outputs:\n\nsubnets = [...]");
        _fixture.Arguments["terraform-outputs"] = "tf.json";

        var error = _fixture.ResolveFails();

        Assert.That(error.Message, Does.Contain("Terraform outputs file").And.Contain("is not valid JSON").And.Contain("terraform output -json"));
    }

    [Test]
    public void A_misspelt_option_is_rejected_with_a_suggestion()
    {
        _fixture.Arguments["migraton-timeout"] = "5m";

        var error = _fixture.ResolveFails();

        Assert.That(error.Message, Does.Contain("'--migraton-timeout' is not a known option. Did you mean '--migration-timeout'?"));
    }

    [Test]
    public void Every_problem_is_reported_together()
    {
        _fixture.Arguments["migration-timeout"] = "ten";
        _fixture.Arguments["deploy-timeout"] = "-5";
        _fixture.Arguments["rollback"] = "maybe";

        var error = _fixture.ResolveFails();

        Assert.That(error.Problems.Select(p => p.Key), Is.EquivalentTo(new[] { "migration-timeout", "deploy-timeout", "rollback" }));
    }

    [Test]
    public void A_secret_in_a_bad_value_is_not_echoed()
    {
        _fixture.Arguments["database-url"] = "postgres://u:hunter22@db/x";
        _fixture.Arguments["platform"] = "mainframe";

        var error = _fixture.ResolveFails();

        Assert.That(error.Message, Does.Contain("platform").And.Not.Contain("hunter22"));
    }

    [Test]
    public void An_image_given_by_tag_rather_than_digest_is_rejected()
    {
        _fixture.Arguments["image"] = "127.0.0.1:5000/tiktimer:latest";

        var error = _fixture.ResolveFails();

        Assert.That(error.Message, Does.Contain("image").And.Contain("@sha256:"));
    }
}

public class DurationParsingTests
{
    [TestCase("90s", 90)]
    [TestCase("10m", 600)]
    [TestCase("1h30m", 5400)]
    [TestCase("45", 45)]
    [TestCase("00:10:00", 600)]
    public void Durations_in_the_documented_forms_are_read(string text, int seconds) =>
        Assert.That(ValueParsers.Duration(text), Is.EqualTo(TimeSpan.FromSeconds(seconds)));

    [TestCase("10:00")]
    [TestCase("ten")]
    [TestCase("10 minutes")]
    public void Ambiguous_or_unknown_durations_are_refused(string text) =>
        Assert.That(ValueParsers.Duration(text), Is.Null);
}
