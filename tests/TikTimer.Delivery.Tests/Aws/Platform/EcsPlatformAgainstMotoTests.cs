using System.Text.Json.Nodes;
using TikTimer.Delivery.Aws;
using TikTimer.Delivery.Aws.Ecs;
using TikTimer.Delivery.Aws.Platform;
using TikTimer.Delivery.Migrations;
using TikTimer.Delivery.Reporting;
using TikTimer.Delivery.Rollout;
using TikTimer.Delivery.Tests.Infrastructure;
using TikTimer.Delivery.Polling;

namespace TikTimer.Delivery.Tests.Aws.Platform;

/// <summary>The ECS platforms over the real wire protocol against moto_server (see notes/moto.md for what it models).</summary>
[Category("Integration")]
public class EcsPlatformAgainstMotoTests
{
    private const string Cluster = "TikTimer-moto";
    private const string Region = "us-east-1";
    private const string LogGroup = "/ecs/tiktimer-migration";
    private const string Image = "123456789012.dkr.ecr.us-east-1.amazonaws.com/tiktimer@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    private MotoServer _moto = null!;
    private AwsClients _aws = null!;
    private MotoAws _setup = null!;
    private RecordingDeliveryLog _log = null!;
    private string _subnet = null!;
    private string _securityGroup = null!;

    [OneTimeSetUp]
    public async Task StartMoto()
    {
        // Services report one running task, so a deployment of the serving revision is COMPLETED.
        _moto = await MotoServer.StartAsync(new Dictionary<string, string> { ["MOTO_ECS_SERVICE_RUNNING"] = "1" });
        _aws = AwsClientFactory.Create(_moto.ClientOptions(Region));
        _setup = new MotoAws(_moto, _moto.ClientOptions(Region));
        await _setup.EcsAsync("CreateCluster", new { clusterName = Cluster });
        await _setup.LogsAsync("CreateLogGroup", new { logGroupName = LogGroup });
        (_subnet, _securityGroup) = await _setup.DefaultNetworkAsync();
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

    [SetUp]
    public void NewLog() => _log = new RecordingDeliveryLog();

    [Test]
    public async Task A_migration_revision_is_the_current_one_with_only_the_image_swapped()
    {
        await Register("tiktimer-revision", new Tag("team", "tiktimer"), new Tag("env", "dev"));
        var before = await _aws.Ecs.DescribeTaskDefinitionAsync(new DescribeTaskDefinitionRequest("tiktimer-revision"));

        var registered = await new EcsMigrationTaskDefinition(_aws.Ecs, _log, Region).RegisterAsync("tiktimer-revision", "migrate", Image);

        var after = await _aws.Ecs.DescribeTaskDefinitionAsync(new DescribeTaskDefinitionRequest("tiktimer-revision"));
        Assert.That(registered.Revision, Is.EqualTo(2));
        Assert.That(after.TaskDefinition.Revision, Is.EqualTo(2));
        Assert.That(after.TaskDefinition.Container("migrate")!.Image, Is.EqualTo(Image));
        Assert.That(JsonNode.DeepEquals(Comparable(after.TaskDefinition, "migrate"), Comparable(before.TaskDefinition, "migrate")), Is.True,
            $"everything but the image is preserved:\nbefore {before.TaskDefinition.Json}\nafter  {after.TaskDefinition.Json}");
        Assert.That(after.Tags, Is.EquivalentTo(before.Tags));
        Assert.That(_log.Text, Does.Contain("Registered tiktimer-revision:2 (image " + Image));
    }

    [Test]
    public void A_family_moto_does_not_have_is_a_clear_error()
    {
        var error = Assert.ThrowsAsync<DeliveryException>(() => new EcsMigrationTaskDefinition(_aws.Ecs, _log, Region).RegisterAsync("TikTimer-none", "migrate", Image));

        Assert.That(error!.Message, Does.Contain("MIGRATION_TASK_FAMILY 'TikTimer-none' has no active revision in us-east-1; create it with Terraform first"));
    }

    [Test]
    public async Task The_task_runs_in_the_configured_network_with_the_command_override_and_startedBy()
    {
        await Register("tiktimer-run");

        var handle = await Platform().StartAsync(new OneOffTaskSpec("tiktimer-run", Image, ["migrate", "--verbose"]), CancellationToken.None);

        var described = await _setup.EcsAsync("DescribeTasks", new { cluster = Cluster, tasks = new[] { handle.Id } });
        var task = described["tasks"]![0]!;
        Assert.That(task["startedBy"]!.GetValue<string>(), Is.EqualTo(OneOffTaskSpec.SuiteMarker));
        Assert.That(task["launchType"]!.GetValue<string>(), Is.EqualTo("FARGATE"));
        Assert.That(task["taskDefinitionArn"]!.GetValue<string>(), Does.EndWith("task-definition/tiktimer-run:2"));
        Assert.That(task["attachments"]![0]!["details"]!.AsArray().Single(d => d!["name"]!.GetValue<string>() == "subnetId")!["value"]!.GetValue<string>(), Is.EqualTo(_subnet));
        Assert.That(task["overrides"]!["containerOverrides"]![0]!["command"]!.ToJsonString(), Is.EqualTo("""["migrate","--verbose"]"""));
        Assert.That(handle.DisplayName, Does.EndWith("(tiktimer-run:2)"));
    }

    [Test]
    public async Task The_migration_runner_waits_through_moto_s_states_to_STOPPED_printing_the_task_s_logs_once()
    {
        await Register("tiktimer-e2e");
        await _moto.SetTransitionAsync("ecs::task", """{"progression":"manual","times":2}""");
        try
        {
            var platform = new LogSeedingPlatform(Platform(), _setup, ["Applying 0001_create_timers", "Applying 0002_add_index", "Migrations complete"]);
            var runner = new MigrationRunner(platform, _log, new MigrationOptions
            {
                Timeout = TimeSpan.FromSeconds(60),
                Polling = AdaptivePollingSchedule.Default with { QuickInterval = TimeSpan.FromMilliseconds(50), MaxInterval = TimeSpan.FromMilliseconds(100) },
                LogPollInterval = TimeSpan.FromMilliseconds(100),
                LogGracePeriod = TimeSpan.Zero,
            });

            var result = await runner.RunAsync(new OneOffTaskSpec("tiktimer-e2e", Image));

            Assert.That(result.FinalState.Status, Is.EqualTo(OneOffTaskStatus.Stopped));
            Assert.That(result.FinalState.ExitCode, Is.EqualTo(0));
            Assert.That(result.FinalState.EverStarted, Is.True);
            Assert.That(_log.Lines.Where(l => l.Contains("Applying 0001", StringComparison.Ordinal)), Has.Exactly(1).Items);
            Assert.That(_log.Lines.Where(l => l.Contains("Migrations complete", StringComparison.Ordinal)), Has.Exactly(1).Items);
            Assert.That(_log.Text, Does.Contain(": RUNNING (").And.Contain(": DEPROVISIONING (").And.Contain(": STOPPED ("));
        }
        finally
        {
            await _moto.UnsetTransitionAsync("ecs::task");
        }
    }

    [Test]
    public async Task Logs_are_read_from_the_task_s_stream_and_a_second_read_returns_only_new_lines()
    {
        await Register("tiktimer-logs");
        var platform = Platform();
        var handle = await platform.StartAsync(new OneOffTaskSpec("tiktimer-logs", Image), CancellationToken.None);
        var empty = await platform.ReadLogsAsync(handle, null, CancellationToken.None);
        await LogSeedingPlatform.WriteAsync(_setup, handle, ["one", "two"]);

        var first = await platform.ReadLogsAsync(handle, empty.Next, CancellationToken.None);
        await LogSeedingPlatform.WriteAsync(_setup, handle, ["three"], createStream: false);
        var second = await platform.ReadLogsAsync(handle, first.Next, CancellationToken.None);
        var third = await platform.ReadLogsAsync(handle, second.Next, CancellationToken.None);

        Assert.That(empty.Lines, Is.Empty, "no stream yet");
        Assert.That(first.Lines.Select(l => l.Message), Is.EqualTo(new[] { "one", "two" }));
        Assert.That(second.Lines.Select(l => l.Message), Is.EqualTo(new[] { "three" }));
        Assert.That(third.Lines, Is.Empty);
    }

    [Test]
    public async Task The_guard_finds_a_started_migration_until_it_is_stopped_and_stopping_twice_is_fine()
    {
        await Register("tiktimer-guard");
        var platform = Platform();
        var handle = await platform.StartAsync(new OneOffTaskSpec("tiktimer-guard", Image), CancellationToken.None);

        var whileRunning = await platform.FindActiveAsync("tiktimer-guard", CancellationToken.None);
        await platform.StopAsync(handle, "test over", CancellationToken.None);
        await platform.StopAsync(handle, "test over again", CancellationToken.None);
        var afterStop = await platform.FindActiveAsync("tiktimer-guard", CancellationToken.None);
        var state = await platform.DescribeAsync(handle, CancellationToken.None);

        Assert.That(whileRunning.Select(h => h.Id), Is.EqualTo(new[] { handle.Id }));
        Assert.That(afterStop, Is.Empty);
        Assert.That(state.Status, Is.EqualTo(OneOffTaskStatus.Stopped));
        Assert.That(state.StoppedReason, Is.EqualTo("test over again"));
    }

    [Test]
    public async Task A_rollout_registers_a_revision_updates_the_service_describes_it_and_rolls_back_without_deregistering()
    {
        var first = await Register("tiktimer-api", container: "api");
        await _setup.EcsAsync("CreateService", new { cluster = Cluster, serviceName = "api", taskDefinition = first, desiredCount = 1 });
        var platform = new EcsServiceRolloutPlatform(_aws.Ecs, new EcsServiceRolloutOptions { Cluster = Cluster }, _log);

        var rollout = await platform.StartRolloutAsync(new ServiceRolloutRequest("api", "api", Image), CancellationToken.None);
        var updated = await ServiceTaskDefinition("api");
        var snapshot = await platform.DescribeAsync(rollout, CancellationToken.None);
        var rollback = await platform.RollBackAsync(rollout, CancellationToken.None);
        var restored = await ServiceTaskDefinition("api");

        Assert.That(rollout.RevisionId, Does.EndWith("task-definition/tiktimer-api:2"));
        Assert.That(rollout.PreviousRevisionId, Is.EqualTo(first));
        Assert.That(updated, Is.EqualTo(rollout.RevisionId));
        Assert.That(snapshot.Deployments.Single().Status, Is.EqualTo(DeploymentStatus.Primary), "moto keeps one deployment");
        Assert.That(rollback.RevisionId, Is.EqualTo(first));
        Assert.That(restored, Is.EqualTo(first));
        Assert.That((await _aws.Ecs.DescribeTaskDefinitionAsync(new DescribeTaskDefinitionRequest(rollout.RevisionId))).TaskDefinition.Status, Is.EqualTo("ACTIVE"));
        Assert.That((await _aws.Ecs.DescribeTaskDefinitionAsync(new DescribeTaskDefinitionRequest(first))).TaskDefinition.Status, Is.EqualTo("ACTIVE"));
    }

    [Test]
    public async Task The_status_reader_gives_the_judge_the_serving_image_and_the_migration_s_image_and_exit_code()
    {
        var runStarted = DateTimeOffset.UtcNow.AddMinutes(-1);
        var other = Image.Replace("@sha256:0123", "@sha256:9999", StringComparison.Ordinal);
        await Register("tiktimer-meanwhile");
        var old = await Register("tiktimer-meanwhile-api", container: "api");
        // moto's UpdateService never makes a new deployment (notes/moto.md): the service is created on the new image's revision.
        var current = await new EcsMigrationTaskDefinition(_aws.Ecs, _log, Region).RegisterAsync("tiktimer-meanwhile-api", "api", Image);
        await _setup.EcsAsync("CreateService", new { cluster = Cluster, serviceName = "meanwhile-old", taskDefinition = old, desiredCount = 1 });
        await _setup.EcsAsync("CreateService", new { cluster = Cluster, serviceName = "meanwhile", taskDefinition = current.TaskDefinitionArn, desiredCount = 1 });
        await _moto.SetTransitionAsync("ecs::task", """{"progression":"manual","times":1}""");
        try
        {
            var runner = new MigrationRunner(Platform(), _log, new MigrationOptions
            {
                Timeout = TimeSpan.FromSeconds(60),
                Polling = AdaptivePollingSchedule.Default with { QuickInterval = TimeSpan.FromMilliseconds(50), MaxInterval = TimeSpan.FromMilliseconds(100) },
                LogGracePeriod = TimeSpan.Zero,
            });
            await runner.RunAsync(new OneOffTaskSpec("tiktimer-meanwhile", Image));
        }
        finally
        {
            await _moto.UnsetTransitionAsync("ecs::task");
        }

        var reader = new EcsStatusReader(_aws.Ecs, Cluster, "api", "migrate");
        var serving = await reader.ServiceAsync("meanwhile", CancellationToken.None);
        var notYet = await reader.ServiceAsync("meanwhile-old", CancellationToken.None);
        var migration = await reader.LastOneOffTaskAsync("tiktimer-meanwhile", CancellationToken.None);
        // Real ECS always says when a task stopped; moto does not, which is what this stands in for.
        var stopped = migration! with { At = DateTimeOffset.UtcNow };

        Assert.Multiple(() =>
        {
            Assert.That(serving.Digest, Is.EqualTo(DeliveredMeanwhile.DigestOf(Image)), "the serving revision's image, from DescribeServices and DescribeTaskDefinition");
            Assert.That(migration.Image, Is.EqualTo(Image), "the migration container's image, from ListTasks and DescribeTasks");
            Assert.That(migration.ExitCode, Is.Zero);
            Assert.That(DeliveredMeanwhile.Judge(Image, runStarted, [serving], stopped), Does.Contain("another run delivered"), $"{serving}\n{stopped}");
            Assert.That(DeliveredMeanwhile.Judge(Image, runStarted, [serving], migration), Is.Null, "a task whose stop time is not known is not taken as made meanwhile");
            Assert.That(DeliveredMeanwhile.Judge(Image, runStarted, [notYet], stopped), Is.Null, "not serving it");
            Assert.That(DeliveredMeanwhile.Judge(other, runStarted, [serving], stopped), Is.Null, "another image");
        });
    }

    [Test]
    public async Task A_deploy_whose_new_deployment_never_appears_fails_and_rolls_back_to_a_stable_previous_revision()
    {
        // moto never creates the new deployment (notes/moto.md), which is what a rollout
        // replaced by someone else looks like; its one deployment of the old revision is COMPLETED.
        var first = await Register("tiktimer-worker", container: "api");
        await _setup.EcsAsync("CreateService", new { cluster = Cluster, serviceName = "worker", taskDefinition = first, desiredCount = 1 });
        var runner = new DeployRunner(
            new EcsServiceRolloutPlatform(_aws.Ecs, new EcsServiceRolloutOptions { Cluster = Cluster }, _log),
            _log,
            new RolloutOptions { Timeout = TimeSpan.FromSeconds(10), RollbackTimeout = TimeSpan.FromSeconds(10), Polling = AdaptivePollingSchedule.Default with { QuickInterval = TimeSpan.FromMilliseconds(50) } });

        var error = Assert.ThrowsAsync<DeploymentFailedException>(() => runner.DeployAsync([new ServiceRolloutRequest("worker", "api", Image)]));

        Assert.That(error!.Rollbacks.Single().Succeeded, Is.True, error.Message);
        Assert.That(await ServiceTaskDefinition("worker"), Is.EqualTo(first));
    }

    [Test]
    public void A_service_that_does_not_exist_names_the_service_and_the_cluster()
    {
        var platform = new EcsServiceRolloutPlatform(_aws.Ecs, new EcsServiceRolloutOptions { Cluster = Cluster }, _log);

        var error = Assert.ThrowsAsync<DeliveryException>(() => platform.StartRolloutAsync(new ServiceRolloutRequest("nope", "api", Image), CancellationToken.None));

        Assert.That(error!.Message, Does.StartWith($"Deploy: ECS service 'nope' was not found on cluster '{Cluster}' (MISSING)"));
    }

    /// <summary>The definition without the image and what ECS sets itself.</summary>
    private static JsonObject Comparable(TaskDefinition definition, string container)
    {
        var json = (JsonObject)definition.Json.DeepClone();
        foreach (var member in TaskDefinitionRevision.ReadOnlyMembers)
        {
            json.Remove(member);
        }

        json["containerDefinitions"]!.AsArray().OfType<JsonObject>().Single(c => c["name"]!.GetValue<string>() == container).Remove("image");
        return json;
    }

    private async Task<string> Register(string family, params Tag[] tags) => await Register(family, "migrate", tags);

    private async Task<string> Register(string family, string container, params Tag[] tags)
    {
        var request = RegisterTaskDefinitionRequest.Parse(Definitions.Migration(family, container, logRegion: Region));
        if (tags.Length > 0)
        {
            request.Json["tags"] = new JsonArray([.. tags.Select(t => (JsonNode)new JsonObject { ["key"] = t.Key, ["value"] = t.Value })]);
        }

        var registered = await _aws.Ecs.RegisterTaskDefinitionAsync(request);
        return registered.TaskDefinition.TaskDefinitionArn!;
    }

    private async Task<string?> ServiceTaskDefinition(string service) =>
        (await _aws.Ecs.DescribeServicesAsync(new DescribeServicesRequest(Cluster, [service]))).Services.Single().TaskDefinition;

    private EcsOneOffTaskPlatform Platform() => new(_aws.Ecs, _aws.Logs, new EcsOneOffTaskOptions
    {
        Cluster = Cluster,
        Region = Region,
        ContainerName = "migrate",
        Subnets = [_subnet],
        SecurityGroups = [_securityGroup],
    }, _log);

    /// <summary>Writes log lines into the task's stream right after it starts, as the awslogs driver would (moto's tasks never log).</summary>
    private sealed class LogSeedingPlatform(IOneOffTaskPlatform inner, MotoAws setup, IReadOnlyList<string> lines) : IOneOffTaskPlatform
    {
        public static async Task WriteAsync(MotoAws setup, OneOffTaskHandle task, IReadOnlyList<string> lines, bool createStream = true)
        {
            var stream = $"migrate/migrate/{task.Id[(task.Id.LastIndexOf('/') + 1)..]}";
            if (createStream)
            {
                await setup.LogsAsync("CreateLogStream", new { logGroupName = LogGroup, logStreamName = stream });
            }

            var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            await setup.LogsAsync("PutLogEvents", new
            {
                logGroupName = LogGroup,
                logStreamName = stream,
                logEvents = lines.Select((m, i) => new { timestamp = now + i, message = m }).ToArray(),
            });
        }

        public async Task<OneOffTaskHandle> StartAsync(OneOffTaskSpec spec, CancellationToken cancellationToken)
        {
            var handle = await inner.StartAsync(spec, cancellationToken);
            await WriteAsync(setup, handle, lines);
            return handle;
        }

        public Task<OneOffTaskState> DescribeAsync(OneOffTaskHandle task, CancellationToken cancellationToken) => inner.DescribeAsync(task, cancellationToken);

        public Task StopAsync(OneOffTaskHandle task, string reason, CancellationToken cancellationToken) => inner.StopAsync(task, reason, cancellationToken);

        public Task<LogBatch> ReadLogsAsync(OneOffTaskHandle task, LogCursor? after, CancellationToken cancellationToken) => inner.ReadLogsAsync(task, after, cancellationToken);

        public Task<IReadOnlyList<OneOffTaskHandle>> FindActiveAsync(string family, CancellationToken cancellationToken) => inner.FindActiveAsync(family, cancellationToken);

        public Task<IReadOnlyList<OneOffTaskHandle>> FindOtherActiveAsync(string family, OneOffTaskHandle ours, CancellationToken cancellationToken) => inner.FindOtherActiveAsync(family, ours, cancellationToken);
    }
}
