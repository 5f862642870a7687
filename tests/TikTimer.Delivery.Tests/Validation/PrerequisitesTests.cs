using TikTimer.Delivery.Configuration;
using TikTimer.Delivery.Platform;
using TikTimer.Delivery.Validation;
using TikTimer.Delivery.Processes;
using TikTimer.Delivery.Reporting;
using TikTimer.Delivery.Tests.Infrastructure;
using TikTimer.Testing;

namespace TikTimer.Delivery.Tests.Validation;

public class PrerequisitesTests
{
    private static DeliverySettings LocalSettings(string root, Func<DeliverySettings, DeliverySettings>? change = null)
    {
        var settings = SettingsResolver.Resolve(new SettingsInputs(
            new Dictionary<string, string> { ["skip-tests"] = "true" },
            _ => null,
            root) { Tasks = [] }).Settings;
        return change is null ? settings : change(settings);
    }

    [Test]
    public void Every_unmet_prerequisite_is_reported_at_once()
    {
        var root = Directory.CreateTempSubdirectory("tiktimer-validate-").FullName;
        try
        {
            var settings = LocalSettings(root, s => s with
            {
                Registry = "127.0.0.1:1",
                RegistryPasswordFile = "missing/password",
                DatabaseUrl = "postgres://u:p@127.0.0.1:1/db",
            });
            var noDaemon = new ScriptedProcessRunner(_ => ScriptedProcessRunner.Fail(1, "Cannot connect to the Docker daemon at unix:///var/run/docker.sock."));
            var log = new RecordingDeliveryLog();
            using var services = new DeliveryServices(settings, log, processes: noDaemon);

            var error = Assert.ThrowsAsync<DeliveryException>(() => new PrerequisiteValidator(services.Log).ValidateAsync(Prerequisites.For(services), CancellationToken.None))!;

            Assert.That(error.Message, Does.Contain("3 prerequisites are not met; nothing was changed"));
            Assert.That(error.Message, Does.Contain("Docker daemon reachable").And.Contain("scripts/setup-local.sh"));
            Assert.That(error.Message, Does.Contain("missing/password"));
            Assert.That(error.Message, Does.Contain("nothing answers on 127.0.0.1:1"));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Test]
    [Category("Integration")]
    public async Task The_local_platform_passes_when_docker_the_registry_and_postgresql_answer()
    {
        var repositoryRoot = FindRepositoryRoot();
        DockerEngine.Require();
        var settings = LocalSettings(repositoryRoot);
        Prerequisite.Require(File.Exists(settings.ResolvePath(settings.RegistryPasswordFile!)), "The local registry", "Run scripts/setup-local.sh.");
        var log = new RecordingDeliveryLog();
        using var services = new DeliveryServices(settings, log);

        await new PrerequisiteValidator(services.Log).ValidateAsync(Prerequisites.For(services), CancellationToken.None);

        Assert.That(log.Lines.Count(l => l.Contains("ok ", StringComparison.Ordinal)), Is.EqualTo(3), log.Text);
    }

    [Test]
    [Category("Integration")]
    public async Task On_aws_the_caller_identity_must_match_the_expected_account()
    {
        await using var moto = await MotoServer.StartAsync();
        var root = Directory.CreateTempSubdirectory("tiktimer-validate-").FullName;
        try
        {
            var settings = LocalSettings(root, s => s with
            {
                Platform = DeliveryPlatform.Aws,
                Region = "eu-west-1",
                StsEndpoint = moto.Endpoint,
                ExpectedAccountId = "111111111111",
            });
            var docker = new ScriptedProcessRunner(_ => ScriptedProcessRunner.Ok("20.10.24"));
            using var services = new DeliveryServices(settings, new RecordingDeliveryLog(), processes: docker, configureAws: o => moto.ClientOptions("eu-west-1") with { StsEndpointUrl = moto.Endpoint });

            var error = Assert.ThrowsAsync<DeliveryException>(() => new PrerequisiteValidator(services.Log).ValidateAsync(Prerequisites.For(services), CancellationToken.None))!;

            Assert.That(error.Message, Does.Contain($"belong to account {MotoServer.Account}, but expected-account-id is 111111111111"));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
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
