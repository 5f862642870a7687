using TikTimer.Delivery.Aws;
using TikTimer.Delivery.Aws.Ecs;
using TikTimer.Delivery.Aws.Platform;
using TikTimer.Delivery.Reporting;
using TikTimer.Delivery.Rollout;
using EcsServiceEvent = TikTimer.Delivery.Aws.Ecs.ServiceEvent;

namespace TikTimer.Delivery.Tests.Aws.Platform;

public class EcsServiceRolloutPlatformTests
{
    private const string Image = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/tiktimer@sha256:bbbb";

    private FakeEcs _ecs = null!;
    private RecordingDeliveryLog _log = null!;
    private string _serving = null!;

    [SetUp]
    public void CreateFakes()
    {
        _ecs = new FakeEcs();
        _log = new RecordingDeliveryLog();
        _serving = _ecs.Seed(Definitions.Migration("tiktimer-api", container: "api"), new Tag("team", "tiktimer"));
        _ecs.OnDescribeServices = r => new DescribeServicesResponse { Services = [new Service { ServiceName = "api", Status = "ACTIVE", TaskDefinition = _serving }] };
        _ecs.OnUpdateService = r => new UpdateServiceResponse
        {
            Service = new Service
            {
                ServiceName = r.Service,
                TaskDefinition = r.TaskDefinition,
                Deployments =
                [
                    new Deployment { Id = "ecs-svc/new", Status = "PRIMARY", TaskDefinition = r.TaskDefinition, RolloutState = "IN_PROGRESS" },
                    new Deployment { Id = "ecs-svc/old", Status = "ACTIVE", TaskDefinition = _serving, RolloutState = "COMPLETED" },
                ],
            },
        };
    }

    [Test]
    public async Task A_rollout_registers_the_serving_revision_with_the_new_image_and_updates_the_service_to_it()
    {
        var handle = await Platform().StartRolloutAsync(new ServiceRolloutRequest("api", "api", Image), CancellationToken.None);

        var registered = _ecs.Recorded<RegisterTaskDefinitionRequest>().Single();
        var update = _ecs.Recorded<UpdateServiceRequest>().Single();
        Assert.That(registered.ContainerDefinitions.Single(c => c.Name == "api").Image, Is.EqualTo(Image));
        Assert.That(registered.Tags, Does.Contain(new Tag("team", "tiktimer")));
        Assert.That(update, Is.EqualTo(new UpdateServiceRequest("TikTimer-dev", "api") { TaskDefinition = handle.RevisionId }));
        Assert.That(handle, Is.EqualTo(new RolloutHandle("api", _serving[..^1] + "2", _serving, "ecs-svc/new")));
    }

    [Test]
    public async Task Without_a_primary_deployment_of_the_new_revision_the_deployment_is_matched_by_revision_later()
    {
        _ecs.OnUpdateService = r => new UpdateServiceResponse { Service = new Service { ServiceName = "api" } };

        var handle = await Platform().StartRolloutAsync(new ServiceRolloutRequest("api", "api", Image), CancellationToken.None);

        Assert.That(handle.DeploymentId, Is.Null);
    }

    [Test]
    public void A_missing_service_names_the_service_and_the_cluster()
    {
        _ecs.OnDescribeServices = _ => new DescribeServicesResponse { Failures = [new Failure { Arn = "arn:...:service/TikTimer-dev/worker", Reason = "MISSING" }] };

        var error = Assert.ThrowsAsync<DeliveryException>(() => Platform().StartRolloutAsync(new ServiceRolloutRequest("worker", "api", Image), CancellationToken.None));

        Assert.That(error!.Message, Does.StartWith("Deploy: ECS service 'worker' was not found on cluster 'TikTimer-dev' (MISSING)"));
        Assert.That(_ecs.Recorded<RegisterTaskDefinitionRequest>(), Is.Empty);
    }

    [Test]
    public void An_inactive_service_is_not_updated()
    {
        _ecs.OnDescribeServices = _ => new DescribeServicesResponse { Services = [new Service { ServiceName = "api", Status = "INACTIVE", TaskDefinition = _serving }] };

        var error = Assert.ThrowsAsync<DeliveryException>(() => Platform().StartRolloutAsync(new ServiceRolloutRequest("api", "api", Image), CancellationToken.None));

        Assert.That(error!.Message, Does.Contain("is INACTIVE"));
        Assert.That(_ecs.Recorded<UpdateServiceRequest>(), Is.Empty);
    }

    [Test]
    public async Task Describe_maps_deployments_rollout_states_and_events()
    {
        var created = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);
        _ecs.OnDescribeServices = _ => new DescribeServicesResponse
        {
            Services =
            [
                new Service
                {
                    ServiceName = "api",
                    Deployments =
                    [
                        new Deployment { Id = "d1", Status = "PRIMARY", TaskDefinition = "td:2", DesiredCount = 2, RunningCount = 1, PendingCount = 1, FailedTasks = 3, RolloutState = "FAILED", RolloutStateReason = "circuit breaker", CreatedAt = created },
                        new Deployment { Id = "d0", Status = "ACTIVE", TaskDefinition = "td:1", DesiredCount = 2, RunningCount = 2, RolloutState = "COMPLETED" },
                        new Deployment { Id = "d-old", Status = "INACTIVE", TaskDefinition = "td:0", RolloutState = "IN_PROGRESS" },
                    ],
                    Events = [new EcsServiceEvent { Id = "e1", CreatedAt = created, Message = "(service api) has started 1 tasks" }],
                },
            ],
        };

        var snapshot = await Platform().DescribeAsync(new RolloutHandle("api", "td:2", "td:1"), CancellationToken.None);

        Assert.That(snapshot.Deployments, Is.EqualTo(new[]
        {
            new DeploymentSnapshot("d1", DeploymentStatus.Primary, "td:2", 2, 1, 1, 3, RolloutState.Failed, "circuit breaker", created),
            new DeploymentSnapshot("d0", DeploymentStatus.Active, "td:1", 2, 2, 0, 0, RolloutState.Completed),
            new DeploymentSnapshot("d-old", DeploymentStatus.Inactive, "td:0", 0, 0, 0, 0, RolloutState.InProgress),
        }));
        Assert.That(snapshot.Events, Is.EqualTo(new[] { new TikTimer.Delivery.Rollout.ServiceEvent("e1", created, "(service api) has started 1 tasks") }));
    }

    [Test]
    public void A_deployment_without_rolloutState_leaves_it_to_the_counts()
    {
        var snapshot = EcsServiceRolloutPlatform.Snapshot("api", new Service { Deployments = [new Deployment { Id = "d", Status = "PRIMARY" }] });

        Assert.That(snapshot.Deployments.Single().RolloutState, Is.Null);
    }

    [Test]
    public async Task Rolling_back_updates_the_service_to_the_previous_revision_and_deregisters_nothing()
    {
        var platform = Platform();
        var failed = await platform.StartRolloutAsync(new ServiceRolloutRequest("api", "api", Image), CancellationToken.None);
        _ecs.OnUpdateService = r => new UpdateServiceResponse
        {
            Service = new Service { Deployments = [new Deployment { Id = "ecs-svc/back", Status = "PRIMARY", TaskDefinition = r.TaskDefinition }] },
        };

        var rollback = await platform.RollBackAsync(failed, CancellationToken.None);

        Assert.That(_ecs.Recorded<UpdateServiceRequest>().Last().TaskDefinition, Is.EqualTo(_serving));
        Assert.That(rollback, Is.EqualTo(new RolloutHandle("api", _serving, failed.RevisionId, "ecs-svc/back")));
        Assert.That(_ecs.Recorded<DeregisterTaskDefinitionRequest>(), Is.Empty);
        Assert.That(_log.Text, Does.Contain("Rolling ECS service 'api' back to tiktimer-api:1 (from tiktimer-api:2)"));
    }

    [Test]
    public void A_first_deployment_has_nothing_to_roll_back_to()
    {
        var error = Assert.ThrowsAsync<DeliveryException>(() => Platform().RollBackAsync(new RolloutHandle("api", "td:1", null), CancellationToken.None));

        Assert.That(error!.Message, Does.Contain("no previous task definition"));
        Assert.That(_ecs.Recorded<UpdateServiceRequest>(), Is.Empty);
    }

    private EcsServiceRolloutPlatform Platform() => new(_ecs, new EcsServiceRolloutOptions { Cluster = "TikTimer-dev" }, _log);
}
