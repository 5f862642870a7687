using TikTimer.Delivery.Aws.Ecs;
using TikTimer.Delivery.Configuration;
using TikTimer.Delivery.Platform;
using TikTimer.Delivery.Validation;
using TikTimer.Delivery.Reporting;
using TikTimer.Delivery.Tests.Aws;
using TikTimer.Delivery.Tests.Infrastructure;

namespace TikTimer.Delivery.Tests.Aws.Platform;

[Category("Integration")]
public class AwsPreflightTests
{
    private const string Region = "eu-west-1";
    private MotoServer _moto = null!;
    private MotoAws _setup = null!;

    [SetUp]
    public async Task StartMoto()
    {
        _moto = await MotoServer.StartAsync();
        _setup = new MotoAws(_moto, _moto.ClientOptions(Region));
        await _setup.EcsAsync("CreateCluster", new { clusterName = "TikTimer-dev-cluster" });
    }

    [TearDown]
    public async Task StopMoto()
    {
        _setup.Dispose();
        await _moto.DisposeAsync();
    }

    [Test]
    public void A_missing_service_family_and_repository_are_all_reported_before_anything_is_built()
    {
        var error = Assert.ThrowsAsync<DeliveryException>(() => ValidateAsync())!;

        Assert.That(error.Message, Does.Contain("3 prerequisites are not met"));
        Assert.That(error.Message, Does.Contain("TikTimer-dev-api: MISSING"));
        Assert.That(error.Message, Does.Contain("'TikTimer-dev-migration'").And.Contain("no active revision"));
        Assert.That(error.Message, Does.Contain("ECR repository 'tiktimer'").And.Contain("--create-repository=true"));
    }

    [Test]
    public async Task Existing_resources_pass_and_a_repository_that_may_be_created_is_no_problem()
    {
        using var clients = Delivery.Aws.AwsClientFactory.Create(_moto.ClientOptions(Region));
        var registered = await clients.Ecs.RegisterTaskDefinitionAsync(RegisterTaskDefinitionRequest.Parse(Definitions.Migration("TikTimer-dev-migration", container: "tiktimer-api")));
        await _setup.EcsAsync("CreateService", new { cluster = "TikTimer-dev-cluster", serviceName = "TikTimer-dev-api", taskDefinition = registered.TaskDefinition.TaskDefinitionArn, desiredCount = 1 });
        var log = new RecordingDeliveryLog();

        await ValidateAsync(log, createRepository: true);

        Assert.That(log.Lines.Count(l => l.TrimStart().StartsWith("ok", StringComparison.Ordinal)), Is.EqualTo(5), log.Text);
    }

    private async Task ValidateAsync(RecordingDeliveryLog? log = null, bool createRepository = false)
    {
        var root = Directory.CreateTempSubdirectory("tiktimer-preflight-").FullName;
        try
        {
            var settings = SettingsResolver.Resolve(new SettingsInputs(new Dictionary<string, string> { ["skip-tests"] = "true" }, _ => null, root) { Tasks = [] }).Settings with
            {
                Platform = DeliveryPlatform.Aws,
                Region = Region,
                Cluster = "TikTimer-dev-cluster",
                Services = ["TikTimer-dev-api"],
                MigrationTaskFamily = "TikTimer-dev-migration",
                MigrationContainerName = "tiktimer-api",
                CreateRepository = createRepository,
            };
            var docker = new ScriptedProcessRunner(_ => ScriptedProcessRunner.Ok("20.10.24"));
            using var services = new DeliveryServices(settings, log ?? new RecordingDeliveryLog(), processes: docker, configureAws: _ => _moto.ClientOptions(Region));
            await new PrerequisiteValidator(services.Log).ValidateAsync(Prerequisites.For(services), CancellationToken.None);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
