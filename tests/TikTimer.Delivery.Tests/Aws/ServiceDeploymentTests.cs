using System.Text.Json.Nodes;
using TikTimer.Delivery.Aws.Ecs;
using TikTimer.Delivery.Aws.Platform;
using TikTimer.Delivery.Rollout;

namespace TikTimer.Delivery.Tests.Aws;

/// <summary>The service-deployment operations through the real client pipeline, and the judge of their record.</summary>
public class ServiceDeploymentTests
{
    [Test]
    public async Task ListServiceDeployments_sends_service_cluster_and_createdAt_and_reads_the_briefs()
    {
        var handler = FakeAwsHandler.Answering(() => FakeAwsHandler.Json("""
            {"serviceDeployments":[{"serviceDeploymentArn":"arn:aws:ecs:eu-west-1:1:service-deployment/c/api/abc","serviceArn":"arn:aws:ecs:eu-west-1:1:service/c/api",
              "targetServiceRevisionArn":"arn:aws:ecs:eu-west-1:1:service-revision/c/api/111","status":"IN_PROGRESS","createdAt":1764590400.5}],"nextToken":"n2"}
            """));
        using var aws = TestAws.Clients(handler);

        var response = await aws.Ecs.ListServiceDeploymentsAsync(new ListServiceDeploymentsRequest("api")
        {
            Cluster = "c",
            CreatedAt = new CreatedAtFilter { After = DateTimeOffset.FromUnixTimeSeconds(1764590000) },
        });

        var request = handler.Requests.Single();
        Assert.That(request.Target, Is.EqualTo("AmazonEC2ContainerServiceV20141113.ListServiceDeployments"));
        Assert.That(JsonNode.DeepEquals(JsonNode.Parse(request.Body), JsonNode.Parse("""{"service":"api","cluster":"c","createdAt":{"after":1764590000}}""")), Is.True, request.Body);
        var brief = response.ServiceDeployments.Single();
        Assert.That(brief.TargetServiceRevisionArn, Does.EndWith("/111"));
        Assert.That(brief.CreatedAt, Is.EqualTo(DateTimeOffset.FromUnixTimeMilliseconds(1764590400500)));
        Assert.That(response.NextToken, Is.EqualTo("n2"));
    }

    [Test]
    public async Task DescribeServiceDeployments_reads_circuit_breaker_alarms_and_rollback()
    {
        var handler = FakeAwsHandler.Answering(() => FakeAwsHandler.Json("""
            {"serviceDeployments":[{"serviceDeploymentArn":"arn:aws:ecs:eu-west-1:1:service-deployment/c/api/abc","status":"ROLLBACK_SUCCESSFUL",
              "statusReason":"Service deployment rolled back because the circuit breaker threshold was exceeded.","lifecycleStage":"BAKE_TIME",
              "targetServiceRevision":{"arn":"arn:aws:ecs:eu-west-1:1:service-revision/c/api/111","requestedTaskCount":2,"runningTaskCount":0,"pendingTaskCount":0},
              "deploymentCircuitBreaker":{"status":"TRIGGERED","failureCount":3,"threshold":3},
              "alarms":{"status":"TRIGGERED","alarmNames":["api-5xx","api-latency"],"triggeredAlarmNames":["api-5xx"]},
              "rollback":{"reason":"Circuit breaker","serviceRevisionArn":"arn:aws:ecs:eu-west-1:1:service-revision/c/api/100"}}],"failures":[]}
            """));
        using var aws = TestAws.Clients(handler);

        var response = await aws.Ecs.DescribeServiceDeploymentsAsync(new DescribeServiceDeploymentsRequest(["arn:aws:ecs:eu-west-1:1:service-deployment/c/api/abc"]));

        Assert.That(handler.Requests.Single().Body, Is.EqualTo("""{"serviceDeploymentArns":["arn:aws:ecs:eu-west-1:1:service-deployment/c/api/abc"]}"""));
        var verdict = ServiceDeploymentJudge.Judge(response.ServiceDeployments.Single());
        Assert.That(verdict.Progress, Is.EqualTo(RolloutProgress.Failed));
        Assert.That(verdict.Reason, Does.Contain("ROLLBACK_SUCCESSFUL")
            .And.Contain("circuit breaker TRIGGERED: 3 of 3 failed task(s)")
            .And.Contain("alarms triggered: api-5xx")
            .And.Not.Contain("api-latency")
            .And.Contain("rollback: Circuit breaker"));
    }

    [Test]
    public async Task DescribeServiceRevisions_reads_the_task_definition_and_image_digests()
    {
        var handler = FakeAwsHandler.Answering(() => FakeAwsHandler.Json("""
            {"serviceRevisions":[{"serviceRevisionArn":"arn:r/111","taskDefinition":"arn:aws:ecs:eu-west-1:1:task-definition/api:12",
              "containerImages":[{"containerName":"tiktimer-api","imageDigest":"sha256:feed","image":"1.dkr.ecr.eu-west-1.amazonaws.com/tiktimer@sha256:feed"}]}]}
            """));
        using var aws = TestAws.Clients(handler);

        var response = await aws.Ecs.DescribeServiceRevisionsAsync(new DescribeServiceRevisionsRequest(["arn:r/111"]));

        var revision = response.ServiceRevisions.Single();
        Assert.That(revision.TaskDefinition, Does.EndWith("task-definition/api:12"));
        Assert.That(revision.ContainerImages.Single().ImageDigest, Is.EqualTo("sha256:feed"));
    }

    [TestCase("SUCCESSFUL", RolloutProgress.Stable)]
    [TestCase("PENDING", RolloutProgress.InProgress)]
    [TestCase("IN_PROGRESS", RolloutProgress.InProgress)]
    [TestCase("STOP_REQUESTED", RolloutProgress.Failed)]
    [TestCase("STOPPED", RolloutProgress.Failed)]
    [TestCase("ROLLBACK_REQUESTED", RolloutProgress.Failed)]
    [TestCase("ROLLBACK_IN_PROGRESS", RolloutProgress.Failed)]
    [TestCase("ROLLBACK_SUCCESSFUL", RolloutProgress.Failed)]
    [TestCase("ROLLBACK_FAILED", RolloutProgress.Failed)]
    [TestCase("SOMETHING_NEW", RolloutProgress.InProgress)]
    public void Each_service_deployment_status_has_its_verdict(string status, RolloutProgress expected)
    {
        var verdict = ServiceDeploymentJudge.Judge(new ServiceDeployment { ServiceDeploymentArn = "arn:x/sd-1", Status = status });

        Assert.That(verdict.Progress, Is.EqualTo(expected));
        Assert.That(verdict.Reason, Does.Contain("sd-1").And.Contain(status));
    }

    [Test]
    public void The_recorded_verdict_outranks_a_service_that_looks_stable_after_a_rollback()
    {
        // The circuit breaker rolled back to the old revision: deployments[] alone would look settled.
        var rollout = new RolloutHandle("api", "td:2", "td:1", "ecs-svc/2");
        var snapshot = new ServiceSnapshot(
            "api",
            [new DeploymentSnapshot("ecs-svc/2", DeploymentStatus.Primary, "td:2", 1, 1, RolloutState: RolloutState.Completed)],
            [],
            ServiceDeploymentJudge.Judge(new ServiceDeployment { ServiceDeploymentArn = "arn:x/sd-2", Status = "ROLLBACK_SUCCESSFUL" }));

        var verdict = RolloutJudge.Judge(rollout, snapshot);

        Assert.That(verdict.Progress, Is.EqualTo(RolloutProgress.Failed));
        Assert.That(RolloutJudge.Judge(rollout, snapshot with { Recorded = null }).Progress, Is.EqualTo(RolloutProgress.Stable), "without the record the same snapshot is stable");
    }
}
