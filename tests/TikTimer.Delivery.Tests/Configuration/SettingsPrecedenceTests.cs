using TikTimer.Delivery.Configuration;

namespace TikTimer.Delivery.Tests.Configuration;

public class SettingsPrecedenceTests
{
    private SettingsFixture _fixture = null!;

    [SetUp]
    public void SetUp() => _fixture = new SettingsFixture();

    [TearDown]
    public void TearDown() => _fixture.Dispose();

    [Test]
    public void With_no_environment_given_the_built_in_local_environment_is_used()
    {
        var settings = _fixture.Resolve().Settings;

        Assert.That(settings.Environment, Is.EqualTo("local"));
        Assert.That(settings.Platform, Is.EqualTo(DeliveryPlatform.Local));
        Assert.That(settings.MigrationTimeout, Is.EqualTo(TimeSpan.FromMinutes(10)));
        Assert.That(settings.DeployTimeout, Is.EqualTo(TimeSpan.FromMinutes(15)));
        Assert.That(settings.RollbackTimeout, Is.EqualTo(TimeSpan.FromMinutes(15)));
        Assert.That(settings.SmokeTimeout, Is.EqualTo(TimeSpan.FromMinutes(2)));
    }

    [Test]
    public void The_command_line_beats_the_environment_which_beats_the_file_which_beats_terraform_and_defaults()
    {
        _fixture.WriteFile("deploy/dev.json", SettingsFixture.ValidAwsEnvironment.Replace("\"cluster\": \"TikTimer-dev-cluster\",", "\"cluster\": \"from-file\", \"deploy-timeout\": \"20m\",", StringComparison.Ordinal));
        _fixture.WriteFile("tf.json", """{ "migration_task_family": { "value": "from-terraform", "type": "string", "sensitive": false }, "ecs_cluster_name": { "value": "tf-cluster" } }""");
        _fixture.Arguments["environment"] = "dev";
        _fixture.Arguments["terraform-outputs"] = "tf.json";
        _fixture.Arguments["migration-timeout"] = "90s";
        _fixture.Arguments["rollback-timeout"] = "4m";
        _fixture.Variables["TIKTIMER_MIGRATION_TIMEOUT"] = "5m";
        _fixture.Variables["MIGRATION_TASK_FAMILY"] = "from-env";
        _fixture.Variables["TIKTIMER_SMOKE_TIMEOUT"] = "3m";

        var resolved = _fixture.Resolve();
        var settings = resolved.Settings;

        Assert.That(settings.MigrationTimeout, Is.EqualTo(TimeSpan.FromSeconds(90)), "command line over environment");
        Assert.That(settings.MigrationTaskFamily, Is.EqualTo("from-env"), "environment over file and terraform");
        Assert.That(settings.Cluster, Is.EqualTo("from-file"), "file over terraform");
        Assert.That(settings.DeployTimeout, Is.EqualTo(TimeSpan.FromMinutes(20)), "file over default");
        Assert.That(settings.SmokeTimeout, Is.EqualTo(TimeSpan.FromMinutes(3)));
        Assert.That(settings.RollbackTimeout, Is.EqualTo(TimeSpan.FromMinutes(4)));
        Assert.That(resolved.Provenance.Single(p => p.Key == "migration-task-family").Source, Is.EqualTo("environment variable MIGRATION_TASK_FAMILY"));
        Assert.That(resolved.Provenance.Single(p => p.Key == "cluster").Source, Is.EqualTo("deploy/dev.json line 4"), "the file and the line");
    }

    [Test]
    public void Terraform_outputs_fill_what_nothing_else_sets()
    {
        _fixture.WriteFile("deploy/dev.json", """{ "platform": "aws", "region": "eu-west-1", "cluster": "c", "services": "api", "smoke-base-url": "alb.example.com" }""");
        _fixture.WriteFile("tf.json", """
            {
              "migration_task_family": { "sensitive": false, "type": "string", "value": "TikTimer-dev-migration" },
              "app_security_group_id": { "sensitive": false, "type": "string", "value": "sg-0123456789abcdef0" },
              "app_subnet_ids": { "sensitive": false, "type": ["list", "string"], "value": ["subnet-0123456789abcdef0", "subnet-0fedcba9876543210"] }
            }
            """);
        _fixture.Arguments["environment"] = "dev";
        _fixture.Arguments["terraform-outputs"] = "tf.json";

        var settings = _fixture.Resolve().Settings;

        Assert.That(settings.MigrationTaskFamily, Is.EqualTo("TikTimer-dev-migration"));
        Assert.That(settings.SecurityGroups, Is.EqualTo(new[] { "sg-0123456789abcdef0" }));
        Assert.That(settings.Subnets, Is.EqualTo(new[] { "subnet-0123456789abcdef0", "subnet-0fedcba9876543210" }));
    }

    [Test]
    public void A_terraform_directory_is_read_by_running_terraform_output_in_it()
    {
        _fixture.WriteFile("deploy/dev.json", SettingsFixture.ValidAwsEnvironment.Replace("\"migration-task-family\": \"TikTimer-dev-migration\",", string.Empty, StringComparison.Ordinal));
        Directory.CreateDirectory(Path.Combine(_fixture.Root, "infra"));
        string? ranIn = null;
        _fixture.Terraform = dir =>
        {
            ranIn = dir;
            return """{ "migration_task_family": { "value": "tf-family" } }""";
        };
        _fixture.Arguments["environment"] = "dev";
        _fixture.Arguments["terraform-dir"] = "infra";

        var settings = _fixture.Resolve().Settings;

        Assert.That(settings.MigrationTaskFamily, Is.EqualTo("tf-family"));
        Assert.That(ranIn, Is.EqualTo(Path.Combine(_fixture.Root, "infra")));
    }

    [Test]
    public void The_team_s_ci_secret_names_are_read()
    {
        _fixture.WriteFile("deploy/dev.json", """{ "platform": "aws", "region": "eu-west-1", "cluster": "c", "services": "api" }""");
        _fixture.Arguments["environment"] = "dev";
        _fixture.Variables["MIGRATION_TASK_FAMILY"] = "TikTimer-dev-migration";
        _fixture.Variables["APP_SECURITY_GROUP"] = "sg-0123456789abcdef0";
        _fixture.Variables["APP_SUBNET_IDS"] = "subnet-0123456789abcdef0, subnet-0fedcba9876543210";
        _fixture.Variables["ALB_DNS"] = "tiktimer-alb-1.eu-west-1.elb.amazonaws.com";

        var settings = _fixture.Resolve().Settings;

        Assert.That(settings.Subnets, Is.EqualTo(new[] { "subnet-0123456789abcdef0", "subnet-0fedcba9876543210" }));
        Assert.That(settings.SmokeBaseUrl, Is.EqualTo(new Uri("http://tiktimer-alb-1.eu-west-1.elb.amazonaws.com/")));
    }

    [Test]
    public void Region_falls_back_to_AWS_REGION_then_AWS_DEFAULT_REGION()
    {
        _fixture.Variables["AWS_DEFAULT_REGION"] = "us-east-1";
        Assert.That(_fixture.Resolve().Settings.Region, Is.EqualTo("us-east-1"));

        _fixture.Variables["AWS_REGION"] = "eu-central-1";
        Assert.That(_fixture.Resolve().Settings.Region, Is.EqualTo("eu-central-1"));
    }

    [Test]
    public void Keys_on_the_command_line_are_case_insensitive()
    {
        _fixture.Arguments["Migration-Timeout"] = "2m";

        Assert.That(_fixture.Resolve().Settings.MigrationTimeout, Is.EqualTo(TimeSpan.FromMinutes(2)));
    }

    [Test]
    public void Printed_settings_start_with_the_environment_and_show_defaults_as_such_but_not_unset_keys()
    {
        var provenance = _fixture.Resolve().Provenance;

        Assert.That(provenance[0].Key, Is.EqualTo("environment"));
        Assert.That(provenance.Single(p => p.Key == "migration-timeout"), Is.EqualTo(new RawSetting("migration-timeout", "10m", "default")));
        Assert.That(provenance.Select(p => p.Key), Does.Not.Contain("cluster"), "no default and not set on local");
    }

    [Test]
    public void Printed_settings_mask_secrets_and_name_their_source()
    {
        _fixture.Arguments["database-url"] = "postgres://app:s3cr3t-pw@db:5432/app";

        var lines = _fixture.Resolve().Describe().ToList();

        Assert.That(string.Join('\n', lines), Does.Not.Contain("s3cr3t-pw"));
        Assert.That(lines.Single(l => l.StartsWith("database-url", StringComparison.Ordinal)), Does.Contain("***").And.Contain("--database-url"));
    }

    [Test]
    public void A_migration_command_is_split_like_a_shell_would()
    {
        _fixture.Arguments["migration-command"] = "alembic upgrade 'head'";

        Assert.That(_fixture.Resolve().Settings.MigrationCommand, Is.EqualTo(new[] { "alembic", "upgrade", "head" }));
    }
}

public class SettingsPathTests
{
    [Test]
    public void A_path_starting_with_a_tilde_is_under_the_home_directory_and_others_under_the_repository()
    {
        var settings = SettingsResolver.Resolve(new SettingsInputs(new Dictionary<string, string>(), _ => null, "/repo") { Tasks = [] }).Settings;
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);

        Assert.That(settings.ResolvePath("~/.local/share/x"), Is.EqualTo(Path.Combine(home, ".local/share/x")));
        Assert.That(settings.ResolvePath("deploy/dev.json"), Is.EqualTo("/repo/deploy/dev.json"));
    }
}
