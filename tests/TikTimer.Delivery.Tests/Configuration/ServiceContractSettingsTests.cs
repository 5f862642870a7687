using TikTimer.Delivery.Configuration;

namespace TikTimer.Delivery.Tests.Configuration;

/// <summary>The settings that describe the service being delivered: how it is built, checked and tested.</summary>
public class ServiceContractSettingsTests
{
    private SettingsFixture _fixture = null!;

    [SetUp]
    public void SetUp() => _fixture = new SettingsFixture();

    [TearDown]
    public void TearDown() => _fixture.Dispose();

    [Test]
    public void By_default_the_csharp_sample_is_published_health_checked_at_health_version_checked_at_root_and_unit_tested()
    {
        var settings = _fixture.Resolve().Settings;

        Assert.Multiple(() =>
        {
            Assert.That(settings.ServiceProject, Is.EqualTo("src/TikTimer.Api/TikTimer.Api.csproj"));
            Assert.That(settings.BuildContext, Is.Null);
            Assert.That(settings.HealthPath, Is.EqualTo("/health"));
            Assert.That(settings.SmokeVersionPath, Is.EqualTo("/"));
            Assert.That(settings.SmokeVersionField, Is.EqualTo("version"));
            Assert.That(settings.TestCommand, Is.EqualTo(new[]
            {
                "dotnet", "test", "tests/TikTimer.Api.Tests", "--filter", "TestCategory!=Integration&TestCategory!=EndToEnd", "--nologo",
            }));
        });
    }

    [Test]
    public void Empty_values_turn_off_the_publish_step_the_version_check_and_the_tests()
    {
        _fixture.WriteFile("deploy/local.json", """{ "service-project": "", "smoke-version-path": "", "test-command": "" }""");

        var settings = _fixture.Resolve().Settings;

        Assert.Multiple(() =>
        {
            Assert.That(settings.ServiceProject, Is.Null);
            Assert.That(settings.SmokeVersionPath, Is.Null);
            Assert.That(settings.TestCommand, Is.Null);
        });
    }

    [Test]
    public void The_version_check_is_turned_off_by_an_environment_variable_saying_off()
    {
        _fixture.Variables["TIKTIMER_SMOKE_VERSION_PATH"] = "off";

        Assert.That(_fixture.Resolve().Settings.SmokeVersionPath, Is.Null);
    }

    [Test]
    public void A_test_command_may_be_a_json_array()
    {
        _fixture.Arguments["test-command"] = """["python3", "-m", "pytest", "-k", "not slow"]""";

        Assert.That(_fixture.Resolve().Settings.TestCommand, Is.EqualTo(new[] { "python3", "-m", "pytest", "-k", "not slow" }));
    }

    [TestCase("health-path", "health")]
    [TestCase("health-path", "/he alth")]
    [TestCase("smoke-version-path", "version")]
    public void A_path_that_does_not_start_at_the_root_is_refused_naming_the_key_and_where_it_came_from(string key, string value)
    {
        _fixture.Arguments[key] = value;

        var error = _fixture.ResolveFails();

        Assert.That(error.Message, Does.Contain(key).And.Contain($"'{value}' (from --{key})").And.Contain("e.g. /health"));
    }

    [Test]
    public void A_version_field_with_an_empty_name_is_refused()
    {
        _fixture.Arguments["smoke-version-field"] = "build..version";

        Assert.That(_fixture.ResolveFails().Message, Does.Contain("smoke-version-field").And.Contain("empty field name"));
    }

    [Test]
    public void The_fastapi_example_environment_is_delivered_by_configuration_alone()
    {
        var repository = FindRepositoryRoot();
        var settings = SettingsResolver.Resolve(new SettingsInputs(
            new Dictionary<string, string> { ["environment"] = "local-fastapi" }, _ => null, repository)).Settings;

        Assert.Multiple(() =>
        {
            Assert.That(settings.IsLocal, Is.True);
            Assert.That(settings.ServiceProject, Is.Null, "no dotnet publish: a plain docker build");
            Assert.That(settings.Dockerfile, Is.EqualTo("examples/fastapi-alembic/Dockerfile"));
            Assert.That(settings.BuildContext, Is.EqualTo("examples/fastapi-alembic"));
            Assert.That(settings.MigrationCommand, Is.EqualTo(new[] { "alembic", "upgrade", "head" }));
            Assert.That(settings.TestCommand, Is.EqualTo(new[] { "bash", "examples/fastapi-alembic/run-tests.sh" }));
            Assert.That(File.Exists(Path.Combine(repository, settings.Dockerfile)), Is.True);
            Assert.That(File.Exists(Path.Combine(repository, settings.TestCommand![1])), Is.True);
            Assert.That(settings.LocalPorts, Is.Not.EquivalentTo(new[] { 18080, 18081 }), "both samples can be deployed side by side");
        });
    }

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "TikTimer.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("repository root not found");
    }
}
