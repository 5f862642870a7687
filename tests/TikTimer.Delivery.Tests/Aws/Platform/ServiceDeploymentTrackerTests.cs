using Microsoft.Extensions.Time.Testing;
using TikTimer.Delivery.Aws;
using TikTimer.Delivery.Aws.Ecs;
using TikTimer.Delivery.Aws.Platform;
using TikTimer.Delivery.Reporting;
using TikTimer.Delivery.Rollout;

namespace TikTimer.Delivery.Tests.Aws.Platform;

/// <summary>
/// The aws rollout finds ECS's service-deployment record of its own revision and is judged by it,
/// and falls back to deployments[] where ECS keeps none. ECS is faked in-process here for what the
/// emulator cannot produce (a refused or unknown operation per test, a record that never appears,
/// the clock); AwsChainTests run the same paths against the emulator.
/// </summary>
public class ServiceDeploymentTrackerTests
{
    private const string Image = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/tiktimer@sha256:bbbb";
    private const string Prefix = "arn:aws:ecs:eu-west-1:123456789012:";
    private static readonly DateTimeOffset UpdatedAt = new(2026, 12, 1, 14, 0, 0, TimeSpan.Zero);

    private FakeEcs _ecs = null!;
    private RecordingDeliveryLog _log = null!;
    private FakeTimeProvider _time = null!;
    private string _serving = null!;
    private Service _service = null!;
    private List<ServiceDeploymentBrief> _briefs = null!;
    private Dictionary<string, ServiceDeployment> _records = null!;
    private Dictionary<string, string> _revisions = null!;

    [SetUp]
    public void CreateFakes()
    {
        _ecs = new FakeEcs();
        _log = new RecordingDeliveryLog();
        _time = new FakeTimeProvider(UpdatedAt);
        _serving = _ecs.Seed(Definitions.Migration("tiktimer-api", container: "api"));
        _service = new Service
        {
            ServiceName = "api",
            Status = "ACTIVE",
            TaskDefinition = _serving,
            Deployments = [new Deployment { Id = "ecs-svc/old", Status = "PRIMARY", TaskDefinition = _serving, DesiredCount = 1, RunningCount = 1, RolloutState = "COMPLETED" }],
        };
        _ecs.OnDescribeServices = _ => new DescribeServicesResponse { Services = [_service] };
        _ecs.OnUpdateService = r =>
        {
            _service = _service with
            {
                TaskDefinition = r.TaskDefinition,
                Deployments =
                [
                    new Deployment { Id = "ecs-svc/new", Status = "PRIMARY", TaskDefinition = r.TaskDefinition, DesiredCount = 1, RolloutState = "IN_PROGRESS", CreatedAt = UpdatedAt },
                    _service.Deployments[0] with { Status = "ACTIVE" },
                ],
            };
            return new UpdateServiceResponse { Service = _service };
        };

        _briefs = [];
        _records = new(StringComparer.Ordinal);
        _revisions = new(StringComparer.Ordinal);
        _ecs.OnListServiceDeployments = r => new ListServiceDeploymentsResponse
        {
            ServiceDeployments = _briefs.Where(b => r.CreatedAt?.After is not { } after || b.CreatedAt >= after).ToList(),
        };
        _ecs.OnDescribeServiceDeployments = r => new DescribeServiceDeploymentsResponse
        {
            ServiceDeployments = r.ServiceDeploymentArns.Where(_records.ContainsKey).Select(a => _records[a]).ToList(),
        };
        _ecs.OnDescribeServiceRevisions = r => new DescribeServiceRevisionsResponse
        {
            ServiceRevisions = r.ServiceRevisionArns.Where(_revisions.ContainsKey).Select(a => new ServiceRevision { ServiceRevisionArn = a, TaskDefinition = _revisions[a] }).ToList(),
        };
    }

    [Test]
    public async Task The_record_whose_target_revision_runs_our_task_definition_judges_the_rollout()
    {
        var platform = Platform();
        var rollout = await StartAsync(platform);
        Record("older", _serving, "SUCCESSFUL", UpdatedAt.AddSeconds(-5));
        Record("ours", rollout.RevisionId, "IN_PROGRESS", UpdatedAt.AddSeconds(1));

        var snapshot = await platform.DescribeAsync(rollout, CancellationToken.None);

        Assert.That(snapshot.Recorded, Is.EqualTo(new RecordedRollout(RolloutProgress.InProgress, "service deployment ours is IN_PROGRESS")));
        Assert.That(_log.Text, Does.Contain("ECS keeps a service-deployment record of each rollout here: judging by it"));
        var list = _ecs.Recorded<ListServiceDeploymentsRequest>().Single();
        Assert.That(list, Is.EqualTo(new ListServiceDeploymentsRequest("api") { Cluster = "TikTimer-dev", CreatedAt = new CreatedAtFilter { After = UpdatedAt.AddSeconds(-10) } }), "only records created since our UpdateService");
    }

    [Test]
    public async Task Once_found_the_record_is_described_on_each_poll_and_the_choice_of_judge_said_once()
    {
        var platform = Platform();
        var rollout = await StartAsync(platform);
        Record("ours", rollout.RevisionId, "IN_PROGRESS", UpdatedAt.AddSeconds(1));
        await platform.DescribeAsync(rollout, CancellationToken.None);
        Record("ours", rollout.RevisionId, "ROLLBACK_IN_PROGRESS", UpdatedAt.AddSeconds(1));

        var snapshot = await platform.DescribeAsync(rollout, CancellationToken.None);

        Assert.That(snapshot.Recorded!.Progress, Is.EqualTo(RolloutProgress.Failed));
        Assert.That(_ecs.Recorded<ListServiceDeploymentsRequest>().Count(), Is.EqualTo(1), "found once");
        Assert.That(_ecs.Recorded<DescribeServiceRevisionsRequest>().Count(), Is.EqualTo(1), "a revision is asked for once");
        Assert.That(_ecs.Recorded<DescribeServiceDeploymentsRequest>().Count(), Is.EqualTo(2));
        Assert.That(_log.Lines.Count(l => l.Contains("service-deployment record", StringComparison.Ordinal)), Is.EqualTo(1));
    }

    [Test]
    public async Task A_stopped_record_with_a_newer_one_after_it_is_a_rollout_another_deployment_replaced()
    {
        var platform = Platform();
        var rollout = await StartAsync(platform);
        Record("ours", rollout.RevisionId, "STOPPED", UpdatedAt.AddSeconds(1));
        Record("theirs", Prefix + "task-definition/tiktimer-api:9", "IN_PROGRESS", UpdatedAt.AddSeconds(4));

        var snapshot = await platform.DescribeAsync(rollout, CancellationToken.None);

        Assert.That(snapshot.Recorded, Is.EqualTo(new RecordedRollout(
            RolloutProgress.Superseded,
            "another deployment replaced ours: service deployment theirs of tiktimer-api:9 started after ours, and ECS stopped ours (ours)")));
    }

    [Test]
    public async Task A_stopped_record_with_none_after_it_is_a_failure()
    {
        var platform = Platform();
        var rollout = await StartAsync(platform);
        Record("ours", rollout.RevisionId, "STOPPED", UpdatedAt.AddSeconds(1));

        var snapshot = await platform.DescribeAsync(rollout, CancellationToken.None);

        Assert.That(snapshot.Recorded!.Progress, Is.EqualTo(RolloutProgress.Failed));
    }

    [Test]
    public async Task Until_ECS_lists_the_record_the_rollout_waits_for_it()
    {
        var platform = Platform();
        var rollout = await StartAsync(platform);
        _time.Advance(ServiceDeploymentTracker.DiscoveryGrace - TimeSpan.FromSeconds(1));

        var snapshot = await platform.DescribeAsync(rollout, CancellationToken.None);

        Assert.That(snapshot.Recorded!.Progress, Is.EqualTo(RolloutProgress.InProgress));
        Assert.That(snapshot.Recorded.Reason, Does.Contain("waiting for ECS to list the service deployment"));
    }

    [Test]
    public async Task A_record_not_listed_within_the_grace_leaves_the_rollout_to_deployments()
    {
        var platform = Platform();
        var rollout = await StartAsync(platform);
        _time.Advance(ServiceDeploymentTracker.DiscoveryGrace);

        var snapshot = await platform.DescribeAsync(rollout, CancellationToken.None);

        Assert.That(snapshot.Recorded, Is.Null);
        Assert.That(_log.Text, Does.Contain("ECS listed no service deployment of tiktimer-api:2 within 30 s; judging this rollout by the service's deployments[]"));
    }

    [Test]
    public async Task An_update_that_starts_no_deployment_expects_no_record()
    {
        var platform = Platform();
        _ecs.OnUpdateService = r => new UpdateServiceResponse { Service = _service };

        var rollback = await platform.RollBackAsync(new RolloutHandle("api", Prefix + "task-definition/tiktimer-api:2", _serving, "ecs-svc/new"), CancellationToken.None);
        var snapshot = await platform.DescribeAsync(rollback, CancellationToken.None);

        Assert.That(snapshot.Recorded, Is.Null);
        Assert.That(_ecs.Recorded<ListServiceDeploymentsRequest>(), Is.Empty, "ECS's own rollback already ran that revision: nothing to look for");
    }

    [TestCase("UnknownOperationException", 400, "the ECS endpoint does not know ListServiceDeployments (UnknownOperationException)")]
    [TestCase("InvalidAction", 400, "the ECS endpoint does not know ListServiceDeployments (InvalidAction)")]
    [TestCase("AccessDeniedException", 400, "the credentials may not call ecs:ListServiceDeployments (AccessDeniedException); allow ecs:ListServiceDeployments, ecs:DescribeServiceDeployments, ecs:DescribeServiceRevisions")]
    [TestCase("HTTP500", 500, "the ECS endpoint answered ListServiceDeployments with HTTP 500 and no AWS error (moto 5.2.1 does not implement it)")]
    public async Task Where_ECS_does_not_serve_the_records_every_rollout_falls_back_and_it_is_said_once(string code, int status, string why)
    {
        _ecs.OnListServiceDeployments = _ => throw FakeEcs.NotServed("ListServiceDeployments", code, status);
        var platform = Platform();
        var first = await StartAsync(platform);
        var second = await StartAsync(platform);

        var snapshots = new[] { await platform.DescribeAsync(first, CancellationToken.None), await platform.DescribeAsync(second, CancellationToken.None) };

        Assert.That(snapshots.Select(s => s.Recorded), Is.All.Null);
        Assert.That(_ecs.Recorded<ListServiceDeploymentsRequest>().Count(), Is.EqualTo(1), "asked once per run");
        Assert.That(_log.Lines.Where(l => l.Contains("ECS service deployments are not available", StringComparison.Ordinal)), Has.Exactly(1).Contain(why));
        Assert.That(platform.RecordUnavailable, Does.StartWith(why));
    }

    [Test]
    public async Task Any_other_error_of_the_record_is_an_error_of_following_the_rollout()
    {
        _ecs.OnListServiceDeployments = _ => throw FakeEcs.NotServed("ListServiceDeployments", "ThrottlingException");
        var platform = Platform();
        var rollout = await StartAsync(platform);

        var error = Assert.ThrowsAsync<AwsServiceException>(() => platform.DescribeAsync(rollout, CancellationToken.None));

        Assert.That(error!.ErrorCode, Is.EqualTo("ThrottlingException"));
        Assert.That(platform.RecordUnavailable, Is.Null, "not a reason to stop asking");
    }

    private void Record(string id, string taskDefinition, string status, DateTimeOffset createdAt)
    {
        var arn = $"{Prefix}service-deployment/TikTimer-dev/api/{id}";
        var revision = $"{Prefix}service-revision/TikTimer-dev/api/{id}-rev";
        _revisions[revision] = taskDefinition;
        _briefs.RemoveAll(b => b.ServiceDeploymentArn == arn);
        _briefs.Add(new ServiceDeploymentBrief { ServiceDeploymentArn = arn, TargetServiceRevisionArn = revision, Status = status, CreatedAt = createdAt });
        _records[arn] = new ServiceDeployment { ServiceDeploymentArn = arn, Status = status, CreatedAt = createdAt };
    }

    private async Task<RolloutHandle> StartAsync(EcsServiceRolloutPlatform platform)
    {
        _service = _service with { Deployments = [_service.Deployments[^1] with { Status = "PRIMARY" }] };
        return await platform.StartRolloutAsync(new ServiceRolloutRequest("api", "api", Image), CancellationToken.None);
    }

    private EcsServiceRolloutPlatform Platform() => new(_ecs, new EcsServiceRolloutOptions { Cluster = "TikTimer-dev" }, _log, _time);
}
