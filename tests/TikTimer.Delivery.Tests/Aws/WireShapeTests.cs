using System.Text.Json.Nodes;
using TikTimer.Delivery.Aws;
using TikTimer.Delivery.Aws.Ecr;
using TikTimer.Delivery.Aws.Ecs;
using TikTimer.Delivery.Aws.Logs;

namespace TikTimer.Delivery.Tests.Aws;

/// <summary>Requests as AWS expects them and responses shaped as in the AWS API reference.</summary>
public class WireShapeTests
{
    [Test]
    public async Task RunTask_is_posted_to_the_regional_endpoint_with_its_target_and_a_signature()
    {
        var handler = FakeAwsHandler.Answering(() => FakeAwsHandler.Json("{}"));
        using var aws = TestAws.Clients(handler, options: new AwsClientOptions
        {
            Region = "eu-west-1",
            Credentials = TestAws.Credentials with { SessionToken = "session-token" },
        });

        await aws.Ecs.RunTaskAsync(new RunTaskRequest { Cluster = "c", TaskDefinition = "td:3" });

        var request = handler.Requests.Single();
        Assert.That(request.Uri, Is.EqualTo(new Uri("https://ecs.eu-west-1.amazonaws.com/")));
        Assert.That(request.Target, Is.EqualTo("AmazonEC2ContainerServiceV20141113.RunTask"));
        Assert.That(request.Headers["Content-Type"], Is.EqualTo("application/x-amz-json-1.1"));
        Assert.That(request.Headers["X-Amz-Security-Token"], Is.EqualTo("session-token"));
        Assert.That(request.Headers["Authorization"], Does.StartWith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/")
            .And.Contain("/eu-west-1/ecs/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-security-token;x-amz-target, Signature="));
    }

    [Test]
    public async Task RunTask_sends_only_the_members_that_are_set_in_AWS_casing()
    {
        var handler = FakeAwsHandler.Answering(() => FakeAwsHandler.Json("{}"));
        using var aws = TestAws.Clients(handler);

        await aws.Ecs.RunTaskAsync(new RunTaskRequest
        {
            Cluster = "TikTimer-dev-cluster",
            TaskDefinition = "tiktimer-migrate:7",
            Count = 1,
            LaunchType = "FARGATE",
            PlatformVersion = "LATEST",
            StartedBy = "tiktimer-deploy",
            PropagateTags = "TASK_DEFINITION",
            NetworkConfiguration = new(new AwsVpcConfiguration(["subnet-1", "subnet-2"]) { SecurityGroups = ["sg-1"], AssignPublicIp = "DISABLED" }),
            Overrides = new TaskOverride { ContainerOverrides = [new ContainerOverride("api") { Command = ["dotnet", "TikTimer.Api.dll", "migrate"], Environment = [new("MODE", "migrate")] }] },
            Tags = [new Tag("deploy", "abc123")],
        });

        var expected = JsonNode.Parse("""
            {"cluster":"TikTimer-dev-cluster","taskDefinition":"tiktimer-migrate:7","count":1,"launchType":"FARGATE",
             "networkConfiguration":{"awsvpcConfiguration":{"subnets":["subnet-1","subnet-2"],"securityGroups":["sg-1"],"assignPublicIp":"DISABLED"}},
             "overrides":{"containerOverrides":[{"name":"api","command":["dotnet","TikTimer.Api.dll","migrate"],"environment":[{"name":"MODE","value":"migrate"}]}]},
             "platformVersion":"LATEST","startedBy":"tiktimer-deploy","propagateTags":"TASK_DEFINITION","tags":[{"key":"deploy","value":"abc123"}]}
            """);
        Assert.That(JsonNode.DeepEquals(JsonNode.Parse(handler.Requests.Single().Body), expected), Is.True, handler.Requests.Single().Body);
    }

    [Test]
    public async Task DescribeTaskDefinition_asks_for_the_tags()
    {
        var handler = FakeAwsHandler.Answering(() => FakeAwsHandler.Json("""{"taskDefinition":{"family":"f"},"tags":[]}"""));
        using var aws = TestAws.Clients(handler);

        await aws.Ecs.DescribeTaskDefinitionAsync(new("tiktimer-api"));

        Assert.That(handler.Requests.Single().Body, Is.EqualTo("""{"taskDefinition":"tiktimer-api","include":["TAGS"]}"""));
    }

    [Test]
    public async Task ECR_and_Logs_use_their_own_hosts_and_targets()
    {
        var handler = FakeAwsHandler.Answering(() => FakeAwsHandler.Json("{}"));
        using var aws = TestAws.Clients(handler);

        await aws.Ecr.DescribeImagesAsync(new("tiktimer/api"));
        await aws.Logs.GetLogEventsAsync(new("/ecs/tiktimer", "s"));

        Assert.That(handler.Requests.Select(r => (r.Uri.Host, r.Target)), Is.EqualTo(new[]
        {
            ("api.ecr.eu-west-1.amazonaws.com", "AmazonEC2ContainerRegistry_V20150921.DescribeImages"),
            ("logs.eu-west-1.amazonaws.com", "Logs_20140328.GetLogEvents"),
        }));
        Assert.That(handler.Requests[0].Headers["Authorization"], Does.Contain("/eu-west-1/ecr/aws4_request"));
    }

    [Test]
    public async Task A_stopped_task_reads_with_its_stop_code_exit_codes_and_times()
    {
        using var aws = Answer("""
            {"failures":[{"arn":"arn:aws:ecs:eu-west-1:012345678910:task/c/gone","reason":"MISSING"}],
             "tasks":[{"attachments":[],"availabilityZone":"eu-west-1a","clusterArn":"arn:aws:ecs:eu-west-1:012345678910:cluster/TikTimer-dev-cluster",
               "containers":[{"containerArn":"arn:aws:ecs:eu-west-1:012345678910:container/1","exitCode":3,"lastStatus":"STOPPED","name":"api","reason":"OutOfMemoryError","networkInterfaces":[]},
                             {"containerArn":"arn:aws:ecs:eu-west-1:012345678910:container/2","lastStatus":"STOPPED","name":"sidecar"}],
               "cpu":"256","createdAt":1.714050000123E9,"desiredStatus":"STOPPED","lastStatus":"STOPPED","launchType":"FARGATE","memory":"512",
               "startedAt":1714050030.5,"startedBy":"tiktimer-deploy","stopCode":"EssentialContainerExited","stoppedAt":1714050090,
               "stoppedReason":"Essential container in task exited","stoppingAt":1714050080.25,
               "taskArn":"arn:aws:ecs:eu-west-1:012345678910:task/TikTimer-dev-cluster/0123456789abcdef","taskDefinitionArn":"arn:aws:ecs:eu-west-1:012345678910:task-definition/tiktimer-migrate:7","version":4}]}
            """);

        var response = await aws.Ecs.DescribeTasksAsync(new("TikTimer-dev-cluster", ["0123456789abcdef"]));

        var task = response.Tasks.Single();
        Assert.That((task.LastStatus, task.StopCode, task.StoppedReason, task.TaskId), Is.EqualTo(("STOPPED", "EssentialContainerExited", "Essential container in task exited", "0123456789abcdef")));
        Assert.That(task.Containers.Select(c => c.ExitCode), Is.EqualTo(new int?[] { 3, null }));
        Assert.That(task.Containers[0].Reason, Is.EqualTo("OutOfMemoryError"));
        Assert.That(task.CreatedAt, Is.EqualTo(DateTimeOffset.FromUnixTimeMilliseconds(1714050000123)));
        Assert.That(task.StartedAt, Is.EqualTo(DateTimeOffset.FromUnixTimeMilliseconds(1714050030500)));
        Assert.That(task.StoppedAt, Is.EqualTo(DateTimeOffset.FromUnixTimeSeconds(1714050090)));
        Assert.That(response.Failures.Single().Reason, Is.EqualTo("MISSING"));
    }

    [Test]
    public async Task A_service_reads_with_deployments_rollout_state_events_and_circuit_breaker()
    {
        using var aws = Answer("""
            {"failures":[{"arn":"arn:aws:ecs:eu-west-1:012345678910:service/c/old","reason":"MISSING"}],
             "services":[{"clusterArn":"arn:aws:ecs:eu-west-1:012345678910:cluster/c","serviceName":"tiktimer-api","status":"ACTIVE",
               "taskDefinition":"arn:aws:ecs:eu-west-1:012345678910:task-definition/tiktimer-api:8","desiredCount":2,"runningCount":1,"pendingCount":1,
               "deploymentConfiguration":{"deploymentCircuitBreaker":{"enable":true,"rollback":true},"maximumPercent":200,"minimumHealthyPercent":100},
               "deployments":[
                 {"id":"ecs-svc/2","status":"PRIMARY","taskDefinition":"arn:aws:ecs:eu-west-1:012345678910:task-definition/tiktimer-api:8","desiredCount":2,"pendingCount":1,"runningCount":1,"failedTasks":3,
                  "createdAt":1714050000.0,"updatedAt":1714050100.5,"launchType":"FARGATE","rolloutState":"FAILED","rolloutStateReason":"ECS deployment circuit breaker: tasks failed to start."},
                 {"id":"ecs-svc/1","status":"ACTIVE","taskDefinition":"arn:aws:ecs:eu-west-1:012345678910:task-definition/tiktimer-api:7","desiredCount":2,"pendingCount":0,"runningCount":2,"failedTasks":0,
                  "createdAt":1713000000.0,"updatedAt":1713000100.0,"rolloutState":"COMPLETED","rolloutStateReason":"ECS deployment ecs-svc/1 completed."}],
               "events":[{"id":"e2","createdAt":1714050101.0,"message":"(service tiktimer-api) rolling back to deployment ecs-svc/1."}]}]}
            """);

        var service = (await aws.Ecs.DescribeServicesAsync(new("c", ["tiktimer-api"]))).Services.Single();

        Assert.That(service.Deployments.Select(d => (d.Status, d.RolloutState, d.FailedTasks)), Is.EqualTo(new[] { ("PRIMARY", "FAILED", 3), ("ACTIVE", "COMPLETED", 0) }));
        Assert.That(service.Deployments[0].RolloutStateReason, Does.Contain("circuit breaker"));
        Assert.That(service.Deployments[0].UpdatedAt, Is.EqualTo(DateTimeOffset.FromUnixTimeMilliseconds(1714050100500)));
        Assert.That(service.DeploymentConfiguration!.DeploymentCircuitBreaker, Is.EqualTo(new DeploymentCircuitBreaker(true, true)));
        Assert.That(service.Events.Single().Message, Does.Contain("rolling back"));
        Assert.That((service.DesiredCount, service.RunningCount, service.PendingCount), Is.EqualTo((2, 1, 1)));
    }

    [Test]
    public async Task A_task_definition_is_kept_whole_including_members_this_code_does_not_know()
    {
        using var aws = Answer("""
            {"taskDefinition":{"taskDefinitionArn":"arn:aws:ecs:eu-west-1:012345678910:task-definition/tiktimer-api:8","family":"tiktimer-api","revision":8,
              "status":"ACTIVE","cpu":"256","memory":"512","someFutureMember":{"nested":[1,2]},
              "containerDefinitions":[{"name":"api","image":"repo/api:1","command":["run"],"logConfiguration":{"logDriver":"awslogs","options":{"awslogs-group":"/ecs/tiktimer","awslogs-region":"eu-west-1","awslogs-stream-prefix":"api"}}}]},
             "tags":[{"key":"team","value":"tiktimer"}]}
            """);

        var response = await aws.Ecs.DescribeTaskDefinitionAsync(new("tiktimer-api"));

        var log = response.TaskDefinition.Container("api")!.LogConfiguration!;
        Assert.That((log.IsAwsLogs, log.AwsLogsGroup, log.AwsLogsRegion, log.AwsLogsStreamPrefix), Is.EqualTo((true, "/ecs/tiktimer", "eu-west-1", "api")));
        Assert.That(response.TaskDefinition.Container("api")!.Command, Is.EqualTo(new[] { "run" }));
        Assert.That(response.TaskDefinition.Json["someFutureMember"]!.ToJsonString(), Is.EqualTo("""{"nested":[1,2]}"""));
        Assert.That((response.TaskDefinition.Family, response.TaskDefinition.Revision), Is.EqualTo(("tiktimer-api", (int?)8)));
        Assert.That(response.Tags.Single(), Is.EqualTo(new Tag("team", "tiktimer")));
    }

    [Test]
    public async Task An_ECR_token_decodes_to_the_user_and_password_for_docker_login()
    {
        using var aws = Answer("""
            {"authorizationData":[{"authorizationToken":"QVdTOnNlY3JldC1wYXNzd29yZA==","expiresAt":1.714093200E9,"proxyEndpoint":"https://012345678910.dkr.ecr.eu-west-1.amazonaws.com"}]}
            """);

        var data = (await aws.Ecr.GetAuthorizationTokenAsync(new())).AuthorizationData.Single();

        Assert.That(data.DecodeCredentials(), Is.EqualTo(("AWS", "secret-password")));
        Assert.That(data.ExpiresAt, Is.EqualTo(DateTimeOffset.FromUnixTimeSeconds(1714093200)));
        Assert.That(data.ToString(), Does.Not.Contain("QVdT"));
    }

    [Test]
    public async Task Log_events_read_with_their_tokens_and_moto_s_nulls_are_tolerated()
    {
        using var aws = Answer("""
            {"events":[{"timestamp":1714050000123,"message":"Applying migration 0003","ingestionTime":1714050000200}],
             "nextForwardToken":"f/3829","nextBackwardToken":"b/3828","nextToken":null}
            """);

        var response = await aws.Logs.GetLogEventsAsync(new("/ecs/tiktimer", "migrate/api/abc"));

        Assert.That(response.Events.Single().Message, Is.EqualTo("Applying migration 0003"));
        Assert.That(response.Events.Single().Time, Is.EqualTo(DateTimeOffset.FromUnixTimeMilliseconds(1714050000123)));
        Assert.That(response.NextForwardToken, Is.EqualTo("f/3829"));
    }

    [Test]
    public async Task GetCallerIdentity_reads_STS_s_XML_answer()
    {
        var handler = FakeAwsHandler.Answering(() => new HttpResponseMessage(System.Net.HttpStatusCode.OK)
        {
            Content = new StringContent("""
                <GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
                  <GetCallerIdentityResult><Arn>arn:aws:sts::012345678910:assumed-role/deploy/ci</Arn><UserId>AROAEXAMPLE:ci</UserId><Account>012345678910</Account></GetCallerIdentityResult>
                  <ResponseMetadata><RequestId>01234567-89ab-cdef-0123-456789abcdef</RequestId></ResponseMetadata>
                </GetCallerIdentityResponse>
                """),
        });
        using var aws = TestAws.Clients(handler);

        var identity = await aws.Sts.GetCallerIdentityAsync();

        Assert.That(identity, Is.EqualTo(new TikTimer.Delivery.Aws.Sts.GetCallerIdentityResponse("012345678910", "arn:aws:sts::012345678910:assumed-role/deploy/ci", "AROAEXAMPLE:ci")));
        Assert.That(handler.Requests.Single().Body, Is.EqualTo("Action=GetCallerIdentity&Version=2011-06-15"));
        Assert.That(handler.Requests.Single().Uri.Host, Is.EqualTo("sts.eu-west-1.amazonaws.com"));
    }

    private static AwsClients Answer(string json) => TestAws.Clients(FakeAwsHandler.Answering(() => FakeAwsHandler.Json(json)));
}
