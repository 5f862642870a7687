using TikTimer.Delivery.Configuration;

namespace TikTimer.Delivery.Tests.Configuration;

/// <summary>Which environment a run uses: --environment, else TIKTIMER_ENVIRONMENT, else local.</summary>
public class EnvironmentNameTests
{
    private SettingsFixture _fixture = null!;

    [SetUp]
    public void SetUp()
    {
        _fixture = new SettingsFixture();
        _fixture.WriteFile("deploy/dev.json", SettingsFixture.ValidAwsEnvironment);
        _fixture.WriteFile("deploy/staging.json", SettingsFixture.ValidAwsEnvironment.Replace("TikTimer-dev-cluster", "staging-cluster", StringComparison.Ordinal));
    }

    [TearDown]
    public void TearDown() => _fixture.Dispose();

    private static string SourceOfEnvironment(ResolvedSettings resolved) => resolved.Provenance.Single(p => p.Key == "environment").Source;

    [Test]
    public void TIKTIMER_ENVIRONMENT_chooses_the_environment_when_no_switch_is_given()
    {
        _fixture.Variables["TIKTIMER_ENVIRONMENT"] = "dev";

        var resolved = _fixture.Resolve();

        Assert.That(resolved.Settings.Environment, Is.EqualTo("dev"));
        Assert.That(resolved.Settings.Platform, Is.EqualTo(DeliveryPlatform.Aws));
        Assert.That(resolved.Settings.Cluster, Is.EqualTo("TikTimer-dev-cluster"));
        Assert.That(SourceOfEnvironment(resolved), Is.EqualTo("environment variable TIKTIMER_ENVIRONMENT"));
    }

    [Test]
    public void The_environment_switch_beats_TIKTIMER_ENVIRONMENT()
    {
        _fixture.Variables["TIKTIMER_ENVIRONMENT"] = "dev";
        _fixture.Arguments["environment"] = "staging";

        var resolved = _fixture.Resolve();

        Assert.That(resolved.Settings.Environment, Is.EqualTo("staging"));
        Assert.That(resolved.Settings.Cluster, Is.EqualTo("staging-cluster"));
        Assert.That(SourceOfEnvironment(resolved), Is.EqualTo("--environment"));
    }

    [Test]
    public void An_empty_TIKTIMER_ENVIRONMENT_means_the_local_default()
    {
        _fixture.Variables["TIKTIMER_ENVIRONMENT"] = string.Empty;

        var resolved = _fixture.Resolve();

        Assert.That(resolved.Settings.Environment, Is.EqualTo("local"));
        Assert.That(SourceOfEnvironment(resolved), Is.EqualTo("default"));
    }

    [Test]
    public void An_invalid_name_in_TIKTIMER_ENVIRONMENT_is_refused_with_the_rule()
    {
        _fixture.Variables["TIKTIMER_ENVIRONMENT"] = "Dev";

        var error = _fixture.ResolveFails();

        Assert.That(error.Message, Does.Contain("'Dev' is not a valid environment name").And.Contain("lower-case"));
        Assert.That(error.Problems.Select(p => p.Key), Is.EqualTo(new[] { "environment" }), "only that problem: no platform rules' noise");
    }

    [Test]
    public void An_unknown_environment_lists_the_known_ones_in_order_with_local()
    {
        _fixture.WriteFile("deploy/dev.json.example", "{}");
        _fixture.Arguments["environment"] = "prod";

        var error = _fixture.ResolveFails();

        Assert.That(error.Message, Does.Contain("Known environments: dev, local, staging. Create deploy/prod.json (start from deploy/dev.json.example) or fix --environment."));
        Assert.That(error.Problems.Select(p => p.Key), Is.EqualTo(new[] { "environment" }));
    }

    [Test]
    public void Without_a_deploy_folder_local_is_the_only_known_environment()
    {
        Directory.Delete(Path.Combine(_fixture.Root, "deploy"), recursive: true);
        _fixture.Arguments["environment"] = "prod";

        var error = _fixture.ResolveFails();

        Assert.That(error.Message, Does.Contain("Known environments: local."));
    }

    [Test]
    public void A_bad_value_in_an_environment_is_fixed_in_that_environment_s_file()
    {
        _fixture.Arguments["environment"] = "dev";
        _fixture.Arguments["migration-timeout"] = "soon";

        var error = _fixture.ResolveFails();

        Assert.That(error.Message, Does.Contain("deploy/dev.json"));
    }

    [Test]
    public void An_unknown_environment_from_TIKTIMER_ENVIRONMENT_names_the_missing_file()
    {
        _fixture.Variables["TIKTIMER_ENVIRONMENT"] = "prod";

        var error = _fixture.ResolveFails();

        Assert.That(error.Message, Does.Contain("Unknown environment 'prod'").And.Contain("deploy/prod.json"));
    }
}
