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
        var network = await ExistingResourcesAsync();
        var log = new RecordingDeliveryLog();

        await ValidateAsync(log, createRepository: true, network: network);

        Assert.That(log.Lines.Count(l => l.TrimStart().StartsWith("ok", StringComparison.Ordinal)), Is.EqualTo(9), log.Text);
        Assert.That(log.Text, Does.Contain($"ok    subnet(s) {network.SubnetId} exist in {Region}, in one VPC"));
        Assert.That(log.Text, Does.Contain("ok    the CloudWatch log groups the task definitions log to exist"));
    }

    [Test]
    public async Task A_wrong_subnet_a_wrong_security_group_and_a_missing_log_group_are_reported_together()
    {
        var network = await ExistingResourcesAsync(createLogGroup: false);

        var error = Assert.ThrowsAsync<DeliveryException>(() => ValidateAsync(
            createRepository: true,
            network: ("subnet-0123456789abcdef0", "sg-0123456789abcdef0"),
            extraSubnet: network.SubnetId))!;

        Assert.Multiple(() =>
        {
            Assert.That(error.Message, Does.Contain("3 prerequisites are not met"));
            Assert.That(error.Message, Does.Contain($"subnet subnet-0123456789abcdef0 does not exist in {Region}").And.Contain("APP_SUBNET_IDS"));
            Assert.That(error.Message, Does.Not.Contain($"subnet {network.SubnetId} does not"), "the subnet that exists is not reported");
            Assert.That(error.Message, Does.Contain($"security group sg-0123456789abcdef0 does not exist in {Region}").And.Contain("APP_SECURITY_GROUP"));
            Assert.That(error.Message, Does.Contain($"log group '/ecs/tiktimer-migration' does not exist in {Region}")
                .And.Contain("container 'tiktimer-api' of TikTimer-dev-migration:1"));
        });
    }

    [Test]
    public async Task A_security_group_of_another_VPC_than_the_subnets_is_reported()
    {
        var network = await ExistingResourcesAsync();
        var vpc = MotoAws.First(await _setup.QueryAsync(Delivery.Aws.Http.AwsService.Ec2, "CreateVpc", "2016-11-15", ("CidrBlock", "10.9.0.0/16")), "vpcId");
        var otherGroup = MotoAws.First(
            await _setup.QueryAsync(Delivery.Aws.Http.AwsService.Ec2, "CreateSecurityGroup", "2016-11-15", ("GroupName", "elsewhere"), ("GroupDescription", "another VPC"), ("VpcId", vpc)),
            "groupId");

        var error = Assert.ThrowsAsync<DeliveryException>(() => ValidateAsync(createRepository: true, network: (network.SubnetId, otherGroup)))!;

        Assert.That(error.Message, Does.Contain("1 prerequisite is not met"));
        Assert.That(error.Message, Does.Contain($"{otherGroup} is in {vpc}, but the subnets are in "));
    }

    /// <summary>The migration family, the service, its log group (unless told not to) and the default VPC's network.</summary>
    private async Task<(string SubnetId, string SecurityGroupId)> ExistingResourcesAsync(bool createLogGroup = true)
    {
        using var clients = Delivery.Aws.AwsClientFactory.Create(_moto.ClientOptions(Region));
        var registered = await clients.Ecs.RegisterTaskDefinitionAsync(RegisterTaskDefinitionRequest.Parse(Definitions.Migration("TikTimer-dev-migration", container: "tiktimer-api")));
        await _setup.EcsAsync("CreateService", new { cluster = "TikTimer-dev-cluster", serviceName = "TikTimer-dev-api", taskDefinition = registered.TaskDefinition.TaskDefinitionArn, desiredCount = 1 });
        if (createLogGroup)
        {
            await _setup.LogsAsync("CreateLogGroup", new { logGroupName = "/ecs/tiktimer-migration" });
        }

        return await _setup.DefaultNetworkAsync();
    }

    private async Task ValidateAsync(RecordingDeliveryLog? log = null, bool createRepository = false, (string SubnetId, string SecurityGroupId)? network = null, string? extraSubnet = null)
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
                Subnets = network is { } n ? [n.SubnetId, .. extraSubnet is null ? Array.Empty<string>() : [extraSubnet]] : [],
                SecurityGroups = network is { } g ? [g.SecurityGroupId] : [],
                // An address: the check must not look up a name here.
                SmokeBaseUrl = network is null ? null : new Uri("http://127.0.0.1:9/"),
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
