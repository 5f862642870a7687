using TikTimer.Delivery.Aws;
using TikTimer.Delivery.Aws.Ecs;
using TikTimer.Delivery.Aws.Platform;
using TikTimer.Delivery.Migrations;
using TikTimer.Delivery.Reporting;

namespace TikTimer.Delivery.Tests.Aws.Platform;

public class EcsOneOffTaskPlatformTests
{
    private const string Family = "TikTimer-dev-migration";
    private const string TaskArn = "arn:aws:ecs:eu-west-1:123456789012:task/c/0123456789abcdef";
    private const string Image = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/tiktimer@sha256:aaaa";

    private FakeEcs _ecs = null!;
    private FakeLogs _logs = null!;
    private RecordingDeliveryLog _log = null!;

    [SetUp]
    public void CreateFakes()
    {
        _ecs = new FakeEcs();
        _logs = new FakeLogs();
        _log = new RecordingDeliveryLog();
        _ecs.Seed(Definitions.Migration(Family), new Tag("team", "tiktimer"));
    }

    [Test]
    public async Task Start_runs_a_new_revision_of_the_family_with_only_the_image_swapped()
    {
        await Platform().StartAsync(new OneOffTaskSpec(Family, Image), CancellationToken.None);

        var registered = _ecs.Recorded<RegisterTaskDefinitionRequest>().Single();
        var run = _ecs.Recorded<RunTaskRequest>().Single();
        Assert.That(registered.ContainerDefinitions.Single(c => c.Name == "migrate").Image, Is.EqualTo(Image));
        Assert.That(registered.ContainerDefinitions.Single(c => c.Name == "sidecar").Image, Is.EqualTo("busybox:1"));
        Assert.That(registered.Tags, Does.Contain(new Tag("team", "tiktimer")));
        Assert.That(run.TaskDefinition, Does.EndWith($"task-definition/{Family}:2"));
        Assert.That(_log.Text, Does.Contain($"Registered {Family}:2 (image {Image}"));
    }

    [Test]
    public async Task RunTask_carries_the_network_launch_type_platform_version_startedBy_and_tag_propagation()
    {
        await Platform().StartAsync(new OneOffTaskSpec(Family, Image), CancellationToken.None);

        var run = _ecs.Recorded<RunTaskRequest>().Single();
        Assert.That(run.Cluster, Is.EqualTo("TikTimer-dev"));
        Assert.That(run.Count, Is.EqualTo(1));
        Assert.That(run.LaunchType, Is.EqualTo("FARGATE"));
        Assert.That(run.CapacityProviderStrategy, Is.Null);
        Assert.That(run.PlatformVersion, Is.EqualTo("1.4.0"));
        Assert.That(run.NetworkConfiguration!.AwsvpcConfiguration.Subnets, Is.EqualTo(new[] { "subnet-1", "subnet-2" }));
        Assert.That(run.NetworkConfiguration.AwsvpcConfiguration.SecurityGroups, Is.EqualTo(new[] { "sg-1" }));
        Assert.That(run.NetworkConfiguration.AwsvpcConfiguration.AssignPublicIp, Is.EqualTo("DISABLED"));
        Assert.That(run.StartedBy, Is.EqualTo(OneOffTaskSpec.SuiteMarker));
        Assert.That(run.PropagateTags, Is.EqualTo("TASK_DEFINITION"));
    }

    [Test]
    public async Task The_command_is_not_overridden_when_none_is_configured()
    {
        await Platform().StartAsync(new OneOffTaskSpec(Family, Image), CancellationToken.None);

        Assert.That(_ecs.Recorded<RunTaskRequest>().Single().Overrides, Is.Null);
    }

    [Test]
    public async Task A_configured_command_and_environment_override_the_migration_container()
    {
        var spec = new OneOffTaskSpec(Family, Image, ["dotnet", "TikTimer.Api.dll", "migrate"], new Dictionary<string, string> { ["MODE"] = "migrate" });

        await Platform().StartAsync(spec, CancellationToken.None);

        var container = _ecs.Recorded<RunTaskRequest>().Single().Overrides!.ContainerOverrides!.Single();
        Assert.That(container.Name, Is.EqualTo("migrate"));
        Assert.That(container.Command, Is.EqualTo(new[] { "dotnet", "TikTimer.Api.dll", "migrate" }));
        Assert.That(container.Environment, Is.EqualTo(new[] { new TikTimer.Delivery.Aws.Ecs.KeyValuePair("MODE", "migrate") }));
    }

    [Test]
    public async Task Environment_alone_overrides_the_environment_but_keeps_the_command()
    {
        await Platform().StartAsync(new OneOffTaskSpec(Family, Image, Environment: new Dictionary<string, string> { ["A"] = "1" }), CancellationToken.None);

        var container = _ecs.Recorded<RunTaskRequest>().Single().Overrides!.ContainerOverrides!.Single();
        Assert.That(container.Command, Is.Null);
    }

    [Test]
    public async Task A_capacity_provider_replaces_the_launch_type_with_a_strategy_of_weight_1()
    {
        await Platform(Options() with { CapacityProvider = "FARGATE_SPOT" }).StartAsync(new OneOffTaskSpec(Family, Image), CancellationToken.None);

        var run = _ecs.Recorded<RunTaskRequest>().Single();
        Assert.That(run.LaunchType, Is.Null);
        Assert.That(run.CapacityProviderStrategy, Is.EqualTo(new[] { new CapacityProviderStrategyItem("FARGATE_SPOT") { Weight = 1 } }));
    }

    [Test]
    public async Task A_public_IP_is_assigned_only_when_asked()
    {
        await Platform(Options() with { AssignPublicIp = true }).StartAsync(new OneOffTaskSpec(Family, Image), CancellationToken.None);

        Assert.That(_ecs.Recorded<RunTaskRequest>().Single().NetworkConfiguration!.AwsvpcConfiguration.AssignPublicIp, Is.EqualTo("ENABLED"));
    }

    [Test]
    public void Failures_in_the_RunTask_answer_fail_at_once_explaining_each()
    {
        _ecs.OnRunTask = _ => new RunTaskResponse { Failures = [new Failure { Arn = "arn:aws:ecs:eu-west-1:123456789012:cluster/TikTimer-dev", Reason = "RESOURCE:ENI", Detail = "no free ENI" }] };

        var error = Assert.ThrowsAsync<DeliveryException>(() => Platform().StartAsync(new OneOffTaskSpec(Family, Image), CancellationToken.None));

        Assert.That(error!.Message, Does.StartWith("MigrateViaEcs:")
            .And.Contain("cluster/TikTimer-dev: RESOURCE:ENI (no free ENI)")
            .And.Contain($"{Family}:2"));
    }

    [Test]
    public void A_family_that_does_not_exist_names_the_setting_the_region_and_Terraform()
    {
        var error = Assert.ThrowsAsync<DeliveryException>(() => Platform().StartAsync(new OneOffTaskSpec("TikTimer-nope", Image), CancellationToken.None));

        Assert.That(error!.Message, Does.Contain("MIGRATION_TASK_FAMILY 'TikTimer-nope' has no active revision in eu-west-1; create it with Terraform first"));
        Assert.That(_ecs.Recorded<RunTaskRequest>(), Is.Empty);
    }

    [Test]
    public async Task The_handle_is_the_task_ARN_named_by_task_id_and_revision_with_a_stop_command()
    {
        var handle = await Platform().StartAsync(new OneOffTaskSpec(Family, Image), CancellationToken.None);

        Assert.That(handle.Id, Is.EqualTo(TaskArn));
        Assert.That(handle.DisplayName, Is.EqualTo($"0123456789abcdef ({Family}:2)"));
        Assert.That(handle.StopHint, Is.EqualTo($"aws ecs stop-task --region eu-west-1 --cluster TikTimer-dev --task {TaskArn} --reason \"stopped by hand\""));
    }

    [Test]
    public async Task Describe_reads_the_task_through_the_migration_container()
    {
        _ecs.OnDescribeTasks = _ => Tasks(new EcsTask
        {
            TaskArn = TaskArn,
            LastStatus = "STOPPED",
            StopCode = "EssentialContainerExited",
            StartedAt = DateTimeOffset.UnixEpoch,
            Containers = [new Container { Name = "sidecar", ExitCode = 0 }, new Container { Name = "migrate", ExitCode = 3 }],
        });

        var state = await Platform().DescribeAsync(Handle(), CancellationToken.None);

        Assert.That(state, Is.EqualTo(new OneOffTaskState(OneOffTaskStatus.Stopped, "STOPPED", 3, "EssentialContainerExited", EverStarted: true, StartedAt: DateTimeOffset.UnixEpoch)));
    }

    [Test]
    public async Task A_task_seen_running_counts_as_started_when_it_is_later_described_stopped()
    {
        var status = "RUNNING";
        _ecs.OnDescribeTasks = _ => Tasks(new EcsTask { TaskArn = TaskArn, LastStatus = status, Containers = [new Container { Name = "migrate" }] });
        var platform = Platform();

        await platform.DescribeAsync(Handle(), CancellationToken.None);
        status = "STOPPED";
        var state = await platform.DescribeAsync(Handle(), CancellationToken.None);

        Assert.That(state.EverStarted, Is.True);
    }

    [Test]
    public void A_task_ECS_no_longer_knows_is_a_clear_error()
    {
        _ecs.OnDescribeTasks = _ => new DescribeTasksResponse { Failures = [new Failure { Arn = TaskArn, Reason = "MISSING" }] };

        var error = Assert.ThrowsAsync<DeliveryException>(() => Platform().DescribeAsync(Handle(), CancellationToken.None));

        Assert.That(error!.Message, Does.Contain($"ECS does not know task {TaskArn} on cluster 'TikTimer-dev' (MISSING)"));
    }

    [Test]
    public async Task Stop_sends_the_reason()
    {
        await Platform().StopAsync(Handle(), "timed out", CancellationToken.None);

        Assert.That(_ecs.Recorded<StopTaskRequest>().Single(), Is.EqualTo(new StopTaskRequest("TikTimer-dev", TaskArn) { Reason = "timed out" }));
    }

    [Test]
    public void Stopping_a_task_ECS_has_forgotten_is_not_an_error()
    {
        _ecs.OnStopTask = _ => throw new AwsServiceException("x", "ECS", "StopTask", "InvalidParameterException", "The referenced task was not found.", null, 400);

        Assert.DoesNotThrowAsync(() => Platform().StopAsync(Handle(), "timed out", CancellationToken.None));
    }

    [Test]
    public async Task Logs_come_from_the_awslogs_stream_prefix_container_task_id()
    {
        var platform = Platform();
        var handle = await platform.StartAsync(new OneOffTaskSpec(Family, Image), CancellationToken.None);
        _logs.Write("/ecs/tiktimer-migration", "migrate/migrate/0123456789abcdef", "applying 1", "applying 2", "done");

        var batch = await platform.ReadLogsAsync(handle, null, CancellationToken.None);

        Assert.That(batch.Lines.Select(l => l.Message), Is.EqualTo(new[] { "applying 1", "applying 2", "done" }));
        Assert.That(_logs.Reads.First().StartFromHead, Is.True);
    }

    [Test]
    public async Task Reading_from_the_returned_cursor_gives_only_new_lines()
    {
        var platform = Platform();
        var handle = await platform.StartAsync(new OneOffTaskSpec(Family, Image), CancellationToken.None);
        const string stream = "migrate/migrate/0123456789abcdef";
        _logs.Write("/ecs/tiktimer-migration", stream, "one", "two", "three");
        var first = await platform.ReadLogsAsync(handle, null, CancellationToken.None);
        _logs.Write("/ecs/tiktimer-migration", stream, "four");

        var second = await platform.ReadLogsAsync(handle, first.Next, CancellationToken.None);
        var third = await platform.ReadLogsAsync(handle, second.Next, CancellationToken.None);

        Assert.That(second.Lines.Select(l => l.Message), Is.EqualTo(new[] { "four" }));
        Assert.That(third.Lines, Is.Empty);
        Assert.That(third.Next, Is.EqualTo(second.Next));
    }

    [Test]
    public async Task A_stream_that_does_not_exist_yet_is_an_empty_batch_with_the_same_cursor()
    {
        var platform = Platform();
        var handle = await platform.StartAsync(new OneOffTaskSpec(Family, Image), CancellationToken.None);

        var batch = await platform.ReadLogsAsync(handle, new LogCursor("f/7"), CancellationToken.None);

        Assert.That(batch, Is.EqualTo(LogBatch.Empty(new LogCursor("f/7"))).Using<LogBatch>((a, b) => a.Lines.Count == b.Lines.Count && a.Next == b.Next));
    }

    [Test]
    public async Task Logs_in_another_region_are_read_with_that_region_s_client()
    {
        _ecs.Seed(Definitions.Migration(Family, logRegion: "us-east-1"));
        var elsewhere = new FakeLogs();
        elsewhere.Write("/ecs/tiktimer-migration", "migrate/migrate/0123456789abcdef", "from us-east-1");
        var clients = new Dictionary<string, FakeLogs> { ["us-east-1"] = elsewhere };
        var regions = new CloudWatchLogsRegions(_logs, "eu-west-1", r => new AwsClients(_ecs, null!, clients[r], null!, null!, r));
        var platform = new EcsOneOffTaskPlatform(_ecs, regions, Options(), _log);
        var handle = await platform.StartAsync(new OneOffTaskSpec(Family, Image), CancellationToken.None);

        var batch = await platform.ReadLogsAsync(handle, null, CancellationToken.None);

        Assert.That(batch.Lines.Single().Message, Is.EqualTo("from us-east-1"));
        Assert.That(_logs.Reads, Is.Empty);
    }

    [Test]
    public async Task A_container_without_awslogs_is_a_read_error_that_says_why()
    {
        _ecs.Seed(Definitions.Migration(Family, awslogs: false));
        var platform = Platform();
        var handle = await platform.StartAsync(new OneOffTaskSpec(Family, Image), CancellationToken.None);

        var error = Assert.ThrowsAsync<DeliveryException>(() => platform.ReadLogsAsync(handle, null, CancellationToken.None));

        Assert.That(error!.Message, Does.Contain("does not use the awslogs log driver"));
    }

    [Test]
    public async Task Logs_of_a_task_found_by_the_guard_are_located_through_its_task_definition()
    {
        _ecs.OnDescribeTasks = _ => Tasks(new EcsTask { TaskArn = TaskArn, TaskDefinitionArn = $"arn:aws:ecs:eu-west-1:123456789012:task-definition/{Family}:1", LastStatus = "RUNNING" });
        _logs.Write("/ecs/tiktimer-migration", "migrate/migrate/0123456789abcdef", "still going");

        var batch = await Platform().ReadLogsAsync(Handle(), null, CancellationToken.None);

        Assert.That(batch.Lines.Single().Message, Is.EqualTo("still going"));
    }

    [Test]
    public async Task The_guard_finds_only_this_suite_s_tasks_of_the_family_that_have_not_stopped()
    {
        _ecs.OnListTasks = _ => new ListTasksResponse { TaskArns = ["arn:t/ours-pending", "arn:t/ours-stopped", "arn:t/someone-else"] };
        _ecs.OnDescribeTasks = _ => Tasks(
            new EcsTask { TaskArn = "arn:t/ours-pending", LastStatus = "PENDING", StartedBy = OneOffTaskSpec.SuiteMarker, TaskDefinitionArn = $"arn:td/{Family}:5" },
            new EcsTask { TaskArn = "arn:t/ours-stopped", LastStatus = "STOPPED", StartedBy = OneOffTaskSpec.SuiteMarker },
            new EcsTask { TaskArn = "arn:t/someone-else", LastStatus = "RUNNING", StartedBy = "ecs-svc/123" });

        var active = await Platform().FindActiveAsync(Family, CancellationToken.None);

        Assert.That(active.Select(a => a.Id), Is.EqualTo(new[] { "arn:t/ours-pending" }));
        Assert.That(active.Single().DisplayName, Is.EqualTo($"ours-pending ({Family}:5)"));
        Assert.That(_ecs.Recorded<ListTasksRequest>().Single(), Is.EqualTo(new ListTasksRequest("TikTimer-dev") { Family = Family, DesiredStatus = "RUNNING" }));
    }

    [Test]
    public void Settings_that_cannot_work_are_all_named_before_anything_runs()
    {
        var error = Assert.Throws<DeliveryException>(() => Platform(Options() with { Subnets = [], LaunchType = "LAMBDA" }));

        Assert.That(error!.Message, Does.Contain("at least one subnet").And.Contain("launch type 'LAMBDA'"));
    }

    private static EcsOneOffTaskOptions Options() => new()
    {
        Cluster = "TikTimer-dev",
        Region = "eu-west-1",
        ContainerName = "migrate",
        Subnets = ["subnet-1", "subnet-2"],
        SecurityGroups = ["sg-1"],
        PlatformVersion = "1.4.0",
    };

    private static OneOffTaskHandle Handle() => new(TaskArn, "0123456789abcdef", "stop it");

    private static DescribeTasksResponse Tasks(params EcsTask[] tasks) => new() { Tasks = tasks };

    private EcsOneOffTaskPlatform Platform(EcsOneOffTaskOptions? options = null) => new(_ecs, _logs, options ?? Options(), _log);
}
