using System.Text.Json.Nodes;
using TikTimer.Delivery.Aws;
using TikTimer.Delivery.Aws.Ecr;
using TikTimer.Delivery.Aws.Ecs;
using TikTimer.Delivery.Aws.Logs;
using TikTimer.Delivery.Reporting;
using TikTimer.Delivery.Tests.Infrastructure;

namespace TikTimer.Delivery.Tests.Aws;

/// <summary>Every operation round-trips through the real wire protocol against moto_server.</summary>
[Category("Integration")]
public class AwsAgainstMotoTests
{
    private const string Cluster = "TikTimer-test-cluster";

    private MotoServer _moto = null!;
    private AwsClients _aws = null!;
    private MotoAws _setup = null!;
    private RecordingDeliveryLog _log = null!;

    [OneTimeSetUp]
    public async Task StartMoto()
    {
        _moto = await MotoServer.StartAsync(new Dictionary<string, string> { ["MOTO_ECS_SERVICE_RUNNING"] = "1" });
        _log = new RecordingDeliveryLog();
        _aws = AwsClientFactory.Create(_moto.ClientOptions(), log: _log);
        _setup = new MotoAws(_moto, _moto.ClientOptions());
        await _setup.EcsAsync("CreateCluster", new { clusterName = Cluster });
    }

    [OneTimeTearDown]
    public async Task StopMoto()
    {
        _setup?.Dispose();
        _aws?.Dispose();
        if (_moto is not null)
        {
            await _moto.DisposeAsync();
        }
    }

    [Test]
    public async Task GetCallerIdentity_names_moto_s_account()
    {
        var identity = await _aws.Sts.GetCallerIdentityAsync();

        Assert.That(identity.Account, Is.EqualTo(MotoServer.Account));
    }

    [Test]
    public async Task A_task_definition_registers_describes_with_tags_and_deregisters()
    {
        var registered = await _aws.Ecs.RegisterTaskDefinitionAsync(NewDefinition("tiktimer-describe"));

        var described = await _aws.Ecs.DescribeTaskDefinitionAsync(new DescribeTaskDefinitionRequest("tiktimer-describe"));
        var deregistered = await _aws.Ecs.DeregisterTaskDefinitionAsync(new DeregisterTaskDefinitionRequest(registered.TaskDefinition.TaskDefinitionArn!));

        Assert.That(described.TaskDefinition.Revision, Is.EqualTo(1));
        Assert.That(described.TaskDefinition.Container("api")!.LogConfiguration!.AwsLogsGroup, Is.EqualTo("/ecs/tiktimer"));
        Assert.That(described.Tags, Does.Contain(new Tag("team", "tiktimer")));
        Assert.That(deregistered.TaskDefinition.Status, Is.EqualTo("INACTIVE"));
    }

    [Test]
    public async Task A_new_revision_with_another_image_keeps_everything_else()
    {
        await _aws.Ecs.RegisterTaskDefinitionAsync(NewDefinition("tiktimer-revision"));
        var current = await _aws.Ecs.DescribeTaskDefinitionAsync(new DescribeTaskDefinitionRequest("tiktimer-revision"));

        var next = await _aws.Ecs.RegisterTaskDefinitionAsync(TaskDefinitionRevision.WithContainerImage(current, "api", "repo/tiktimer:abc123"));
        var after = await _aws.Ecs.DescribeTaskDefinitionAsync(new DescribeTaskDefinitionRequest("tiktimer-revision"));

        Assert.That(next.TaskDefinition.Revision, Is.EqualTo(2));
        Assert.That(after.TaskDefinition.Container("api")!.Image, Is.EqualTo("repo/tiktimer:abc123"));
        Assert.That(after.TaskDefinition.Container("sidecar")!.Image, Is.EqualTo("busybox:1"));
        Assert.That(after.TaskDefinition.Container("api")!.Json["environment"]!.ToJsonString(), Is.EqualTo(current.TaskDefinition.Container("api")!.Json["environment"]!.ToJsonString()));
        Assert.That(after.TaskDefinition.ExecutionRoleArn, Is.EqualTo(current.TaskDefinition.ExecutionRoleArn));
        Assert.That(after.Tags, Does.Contain(new Tag("team", "tiktimer")));
    }

    [Test]
    public async Task A_fargate_task_runs_is_described_listed_and_stopped()
    {
        await _aws.Ecs.RegisterTaskDefinitionAsync(NewDefinition("tiktimer-migrate"));
        var (subnet, group) = await _setup.DefaultNetworkAsync();

        var run = await _aws.Ecs.RunTaskAsync(new RunTaskRequest
        {
            Cluster = Cluster,
            TaskDefinition = "tiktimer-migrate",
            Count = 1,
            LaunchType = "FARGATE",
            StartedBy = "tiktimer-migrate",
            NetworkConfiguration = new(new AwsVpcConfiguration([subnet]) { SecurityGroups = [group], AssignPublicIp = "DISABLED" }),
            Overrides = new TaskOverride { ContainerOverrides = [new ContainerOverride("api") { Command = ["migrate"], Environment = [new("MODE", "migrate")] }] },
            Tags = [new Tag("purpose", "migration")],
        });
        var taskArn = run.Tasks.Single().TaskArn!;
        var described = await _aws.Ecs.DescribeTasksAsync(new DescribeTasksRequest(Cluster, [taskArn]));
        var listed = await _aws.Ecs.ListAllTaskArnsAsync(new ListTasksRequest(Cluster) { StartedBy = "tiktimer-migrate" }).ToListAsync();
        var stopped = await _aws.Ecs.StopTaskAsync(new StopTaskRequest(Cluster, taskArn) { Reason = "test over" });

        Assert.That(run.Failures, Is.Empty);
        Assert.That(described.Tasks.Single().TaskDefinitionArn, Does.Contain("tiktimer-migrate"));
        Assert.That(described.Tasks.Single().LastStatus, Is.Not.Null.And.Not.Empty);
        Assert.That(described.Tasks.Single().Containers.Single().Name, Is.EqualTo("api"));
        Assert.That(listed, Does.Contain(taskArn));
        Assert.That(stopped.Task!.StoppedReason, Is.EqualTo("test over"));
    }

    [Test]
    public async Task A_service_is_described_and_updated()
    {
        await _aws.Ecs.RegisterTaskDefinitionAsync(NewDefinition("tiktimer-api"));
        await _setup.EcsAsync("CreateService", new { cluster = Cluster, serviceName = "tiktimer-api", taskDefinition = "tiktimer-api", desiredCount = 1 });

        var updated = await _aws.Ecs.UpdateServiceAsync(new UpdateServiceRequest(Cluster, "tiktimer-api") { TaskDefinition = "tiktimer-api:1", DesiredCount = 2 });
        var described = await _aws.Ecs.DescribeServicesAsync(new DescribeServicesRequest(Cluster, ["tiktimer-api", "no-such-service"]));

        Assert.That(updated.Service!.DesiredCount, Is.EqualTo(2));
        Assert.That(described.Services.Single().Deployments.Single().Status, Is.EqualTo("PRIMARY"));
        Assert.That(described.Services.Single().TaskDefinition, Does.Contain("tiktimer-api:1"));
        Assert.That(described.Failures.Single().Reason, Is.EqualTo("MISSING"));
    }

    [Test]
    public void An_unknown_cluster_is_a_typed_error_that_names_it()
    {
        var error = Assert.ThrowsAsync<AwsServiceException>(() =>
            _aws.Ecs.DescribeServicesAsync(new DescribeServicesRequest("TikTimer-dev-cluster", ["api"])));

        Assert.That(error!.ErrorCode, Is.EqualTo("ClusterNotFoundException"));
        Assert.That(error.Message, Does.StartWith("ECS cluster 'TikTimer-dev-cluster' not found (ClusterNotFoundException) in DescribeServices"));
    }

    [Test]
    public async Task A_repository_is_created_described_and_an_image_put_described_and_fetched()
    {
        var created = await _aws.Ecr.CreateRepositoryAsync(new CreateRepositoryRequest("tiktimer/api") { ImageTagMutability = "IMMUTABLE" });
        var repositories = await _aws.Ecr.DescribeAllRepositoriesAsync(new DescribeRepositoriesRequest { RepositoryNames = ["tiktimer/api"] }).ToListAsync();
        const string manifest = """{"schemaVersion":2,"mediaType":"application/vnd.docker.distribution.manifest.v2+json","config":{"mediaType":"application/vnd.docker.container.image.v1+json","size":7023,"digest":"sha256:b5b2b2c507a0944348e0303114d8d93aaaa081732b86451d9bce1f432a537bc7"},"layers":[]}""";

        var put = await _aws.Ecr.PutImageAsync(new PutImageRequest("tiktimer/api", manifest) { ImageTag = "abc123" });
        var images = await _aws.Ecr.DescribeAllImagesAsync(new DescribeImagesRequest("tiktimer/api")).ToListAsync();
        var fetched = await _aws.Ecr.BatchGetImageAsync(new BatchGetImageRequest("tiktimer/api", [ImageIdentifier.ForTag("abc123"), ImageIdentifier.ForTag("missing")]));

        Assert.That(created.Repository!.RepositoryUri, Does.EndWith("/tiktimer/api"));
        Assert.That(repositories.Single().ImageTagMutability, Is.EqualTo("IMMUTABLE"));
        Assert.That(images.Single().ImageTags, Is.EqualTo(new[] { "abc123" }));
        Assert.That(images.Single().ImageDigest, Is.EqualTo(put.Image!.ImageId!.ImageDigest));
        Assert.That(fetched.Images.Single().ImageManifest, Is.EqualTo(manifest));
        Assert.That(fetched.Failures.Single().ImageId!.ImageTag, Is.EqualTo("missing"));
    }

    [Test]
    public void Creating_an_existing_repository_is_a_typed_error()
    {
        Assert.That(async () =>
        {
            await _aws.Ecr.CreateRepositoryAsync(new CreateRepositoryRequest("tiktimer/twice"));
            await _aws.Ecr.CreateRepositoryAsync(new CreateRepositoryRequest("tiktimer/twice"));
        }, Throws.InstanceOf<AwsServiceException>()
            .With.Property(nameof(AwsServiceException.ErrorCode)).EqualTo("RepositoryAlreadyExistsException")
            .And.Message.StartWith("ECR repository 'tiktimer/twice' already exists"));
    }

    [Test]
    public async Task An_authorization_token_decodes_to_a_user_and_password_that_are_kept_out_of_the_log()
    {
        var token = await _aws.Ecr.GetAuthorizationTokenAsync(new GetAuthorizationTokenRequest());
        var (user, password) = token.AuthorizationData.Single().DecodeCredentials();
        _log.Information($"login {user} {password}");

        Assert.That(user, Is.EqualTo("AWS"));
        Assert.That(_log.Lines.Last(), Does.Not.Contain(password));
    }

    [Test]
    public async Task Log_events_are_read_forward_until_the_token_repeats_and_filtered()
    {
        await _setup.LogsAsync("CreateLogGroup", new { logGroupName = "/ecs/tiktimer" });
        await _setup.LogsAsync("CreateLogStream", new { logGroupName = "/ecs/tiktimer", logStreamName = "migrate/api/task1" });
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        await _setup.LogsAsync("PutLogEvents", new
        {
            logGroupName = "/ecs/tiktimer",
            logStreamName = "migrate/api/task1",
            logEvents = new[] { new { timestamp = now, message = "migration 1 applied" }, new { timestamp = now + 1, message = "done" } },
        });

        var first = await _aws.Logs.ReadForwardAsync("/ecs/tiktimer", "migrate/api/task1", forwardToken: null);
        var again = await _aws.Logs.ReadForwardAsync("/ecs/tiktimer", "migrate/api/task1", first.NextForwardToken);
        var filtered = await _aws.Logs.FilterAllLogEventsAsync(new FilterLogEventsRequest("/ecs/tiktimer") { LogStreamNames = ["migrate/api/task1"], FilterPattern = "done" }).ToListAsync();

        Assert.That(first.Events.Select(e => e.Message), Is.EqualTo(new[] { "migration 1 applied", "done" }));
        Assert.That(again.Events, Is.Empty);
        Assert.That(filtered.Single().Message, Is.EqualTo("done"));
    }

    [Test]
    public void Reading_a_missing_log_stream_names_the_group_and_stream()
    {
        var error = Assert.ThrowsAsync<AwsServiceException>(() =>
            _aws.Logs.GetLogEventsAsync(new GetLogEventsRequest("/ecs/none", "x/y/z")));

        Assert.That(error!.ErrorCode, Is.EqualTo("ResourceNotFoundException"));
        Assert.That(error.Message, Does.Contain("log group '/ecs/none'"));
    }

    private static RegisterTaskDefinitionRequest NewDefinition(string family) => RegisterTaskDefinitionRequest.Parse($$"""
        {
          "family": "{{family}}",
          "networkMode": "awsvpc",
          "requiresCompatibilities": ["FARGATE"],
          "cpu": "256",
          "memory": "512",
          "executionRoleArn": "arn:aws:iam::123456789012:role/tiktimer-execution",
          "taskRoleArn": "arn:aws:iam::123456789012:role/tiktimer-task",
          "containerDefinitions": [
            {
              "name": "api",
              "image": "repo/tiktimer:old",
              "memory": 256,
              "essential": true,
              "environment": [{"name": "ASPNETCORE_URLS", "value": "http://+:8080"}],
              "secrets": [{"name": "DB_PASSWORD", "valueFrom": "arn:aws:secretsmanager:us-east-1:123456789012:secret:db"}],
              "logConfiguration": {
                "logDriver": "awslogs",
                "options": {"awslogs-group": "/ecs/tiktimer", "awslogs-region": "us-east-1", "awslogs-stream-prefix": "migrate"}
              }
            },
            {"name": "sidecar", "image": "busybox:1", "memory": 64, "essential": false}
          ],
          "tags": [{"key": "team", "value": "tiktimer"}]
        }
        """);
}
