using System.Net;
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

    [Test]
    public void A_successful_record_is_stable_only_once_the_service_has_settled_on_our_revision()
    {
        var rollout = new RolloutHandle("api", "td:2", "td:1", "ecs-svc/2");
        var ours = new DeploymentSnapshot("ecs-svc/2", DeploymentStatus.Primary, "td:2", 1, 1, RolloutState: RolloutState.Completed);
        var draining = new DeploymentSnapshot("ecs-svc/1", DeploymentStatus.Active, "td:1", 1, 1, RolloutState: RolloutState.Completed);
        var successful = ServiceDeploymentJudge.Judge(new ServiceDeployment { ServiceDeploymentArn = "arn:x/sd-2", Status = "SUCCESSFUL" });
        var settled = new ServiceSnapshot("api", [ours], [], successful);

        var stillDraining = RolloutJudge.Judge(rollout, settled with { Deployments = [ours, draining] });

        Assert.That(RolloutJudge.Judge(rollout, settled), Is.EqualTo(new RolloutVerdict(RolloutProgress.Stable, "service deployment sd-2 is SUCCESSFUL; deployment ecs-svc/2 is stable with 1 task(s) running", ours)));
        Assert.That(stillDraining, Is.EqualTo(new RolloutVerdict(RolloutProgress.InProgress, "service deployment sd-2 is SUCCESSFUL, but 1 older deployment(s) still draining", ours)));
    }

    [Test]
    public void A_stopped_record_is_a_replacement_only_when_a_newer_record_started_after_it()
    {
        var stopped = new ServiceDeployment { ServiceDeploymentArn = "arn:x/sd-2", Status = "STOPPED" };
        var newer = new ServiceDeploymentBrief { ServiceDeploymentArn = "arn:x/sd-3", Status = "IN_PROGRESS" };

        var replaced = ServiceDeploymentJudge.Judge(stopped, newer, "arn:aws:ecs:eu-west-1:1:task-definition/api:9");

        Assert.That(replaced, Is.EqualTo(new RecordedRollout(RolloutProgress.Superseded, "another deployment replaced ours: service deployment sd-3 of api:9 started after ours, and ECS stopped ours (sd-2)")));
        Assert.That(ServiceDeploymentJudge.Judge(stopped, null, null).Progress, Is.EqualTo(RolloutProgress.Failed), "stopped with nothing after it: a failure of ours");
    }

    [Test]
    public void A_newer_record_does_not_turn_a_rollback_into_a_replacement()
    {
        var newer = new ServiceDeploymentBrief { ServiceDeploymentArn = "arn:x/sd-3", Status = "IN_PROGRESS" };

        var verdict = ServiceDeploymentJudge.Judge(new ServiceDeployment { ServiceDeploymentArn = "arn:x/sd-2", Status = "ROLLBACK_SUCCESSFUL" }, newer, "td:9");

        Assert.That(verdict.Progress, Is.EqualTo(RolloutProgress.Failed), "the circuit breaker undid ours: ours to report, not theirs");
    }

    [Test]
    public void A_rollback_that_failed_names_the_triggered_alarms()
    {
        var failed = new ServiceDeployment { ServiceDeploymentArn = "arn:x/sd-2", Status = "ROLLBACK_FAILED" };

        var verdict = ServiceDeploymentJudge.Judge(failed with { Alarms = new ServiceDeploymentAlarms { Status = "TRIGGERED", AlarmNames = ["api-5xx", "api-p99"], TriggeredAlarmNames = ["api-p99"] } });

        Assert.That(verdict.Reason, Is.EqualTo("service deployment sd-2 is ROLLBACK_FAILED (alarms triggered: api-p99)"));
        Assert.That(ServiceDeploymentJudge.Judge(failed).Reason, Is.EqualTo("service deployment sd-2 is ROLLBACK_FAILED"));
    }

    [Test]
    public void Motos_HTML_500_for_an_operation_it_lacks_is_not_retried_and_means_the_record_is_not_served()
    {
        var handler = FakeAwsHandler.Answering(() => Html(HttpStatusCode.InternalServerError));
        using var aws = TestAws.Clients(handler);

        var error = Assert.ThrowsAsync<TikTimer.Delivery.Aws.AwsServiceException>(() => aws.Ecs.ListServiceDeploymentsAsync(new ListServiceDeploymentsRequest("api")));

        Assert.That(handler.Requests, Has.Count.EqualTo(1), "one round trip, no backoff");
        Assert.That(ServiceDeploymentTracker.NotServedBecause(error!), Does.Contain("HTTP 500 and no AWS error"));
    }

    [Test]
    public async Task A_gateways_HTML_502_is_still_retried()
    {
        var handler = FakeAwsHandler.Answering(() => Html(HttpStatusCode.BadGateway), () => FakeAwsHandler.Json("""{"serviceDeployments":[]}"""));
        using var aws = TestAws.Clients(handler, options: new TikTimer.Delivery.Aws.AwsClientOptions { Region = "eu-west-1", Credentials = TestAws.Credentials, BaseRetryDelay = TimeSpan.FromMilliseconds(1) });

        await aws.Ecs.ListServiceDeploymentsAsync(new ListServiceDeploymentsRequest("api"));

        Assert.That(handler.Requests, Has.Count.EqualTo(2));
    }

    private static HttpResponseMessage Html(HttpStatusCode status) => new(status)
    {
        Content = new StringContent("<!doctype html>\n<html lang=en>\n<title>500 Internal Server Error</title>\n<h1>Internal Server Error</h1>\n", System.Text.Encoding.UTF8, "text/html"),
    };
}
