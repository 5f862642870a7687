using TikTimer.Delivery.Aws;
using TikTimer.Delivery.Aws.Ecs;
using TikTimer.Delivery.Aws.Logs;
using TikTimer.Delivery.Aws.Platform;
using TikTimer.Delivery.Configuration;

namespace TikTimer.Delivery.Tests.Aws.Platform;

/// <summary>Which log groups Validate asks CloudWatch about, and what counts as existing.</summary>
public class AwsLogGroupCheckTests
{
    private const string Family = "TikTimer-dev-migration";
    private FakeEcs _ecs = null!;

    [SetUp]
    public void NewEcs() => _ecs = new FakeEcs();

    [Test]
    public async Task A_group_is_found_by_its_exact_name_through_the_pages_of_its_prefix()
    {
        _ecs.Seed(Definitions.Migration(Family));
        var logs = new LogGroups("/ecs/tiktimer-migration-old", "/ecs/tiktimer-migration-older", "/ecs/tiktimer-migration");

        Assert.That(await CheckAsync(logs), Is.Null);
        Assert.That(logs.Asked, Has.Count.EqualTo(3), "one group per page, so three pages");
        Assert.That(logs.Asked, Has.All.Matches<DescribeLogGroupsRequest>(r => r.LogGroupNamePrefix == "/ecs/tiktimer-migration"));
    }

    [Test]
    public async Task A_group_that_only_shares_the_prefix_is_missing()
    {
        _ecs.Seed(Definitions.Migration(Family));

        var problem = await CheckAsync(new LogGroups("/ecs/tiktimer-migration-old"));

        Assert.That(problem, Does.StartWith("log group '/ecs/tiktimer-migration' does not exist in eu-west-1 (awslogs-group of container 'migrate' of TikTimer-dev-migration:1)"));
    }

    [Test]
    public async Task A_group_in_another_region_is_asked_for_there()
    {
        _ecs.Seed(Definitions.Migration(Family, logRegion: "us-east-1"));
        var home = new LogGroups();
        var elsewhere = new LogGroups("/ecs/tiktimer-migration");
        var regions = new CloudWatchLogsRegions(home, "eu-west-1", r => new AwsClients(_ecs, null!, elsewhere, null!, null!, r));

        Assert.That(await CheckAsync(regions: regions), Is.Null);
        Assert.That(home.Asked, Is.Empty);
    }

    [Test]
    public async Task A_container_whose_group_ECS_creates_is_not_checked()
    {
        _ecs.Seed(Definitions.Migration(Family).Replace("\"awslogs-stream-prefix\": \"migrate\"", "\"awslogs-stream-prefix\": \"migrate\", \"awslogs-create-group\": \"true\""));
        var logs = new LogGroups();

        Assert.That(await CheckAsync(logs), Is.Null);
        Assert.That(logs.Asked, Is.Empty);
    }

    [Test]
    public async Task The_services_task_definitions_are_checked_too_each_group_once()
    {
        _ecs.Seed(Definitions.Migration(Family));
        var serviceRevision = _ecs.Seed(Definitions.Migration("TikTimer-dev-api", container: "tiktimer-api"));
        _ecs.OnDescribeServices = _ => new DescribeServicesResponse { Services = [new Service { ServiceName = "TikTimer-dev-api", TaskDefinition = serviceRevision }] };
        var logs = new LogGroups();

        var problem = await CheckAsync(logs, services: ["TikTimer-dev-api"]);

        Assert.That(problem, Does.Contain("container 'migrate' of TikTimer-dev-migration:1, container 'tiktimer-api' of TikTimer-dev-api:1"));
        Assert.That(logs.Asked, Has.Count.EqualTo(1), "one group, asked for once");
    }

    [Test]
    public async Task A_family_that_does_not_exist_is_left_to_its_own_check()
    {
        Assert.That(await CheckAsync(new LogGroups()), Is.Null);
    }

    private Task<string?> CheckAsync(LogGroups? logs = null, CloudWatchLogsRegions? regions = null, IReadOnlyList<string>? services = null)
    {
        var settings = SettingsResolver.Resolve(new SettingsInputs(new Dictionary<string, string> { ["skip-tests"] = "true" }, _ => null, Path.GetTempPath()) { Tasks = [] }).Settings with
        {
            Platform = DeliveryPlatform.Aws,
            Cluster = "TikTimer-dev-cluster",
            Services = services ?? [],
            MigrationTaskFamily = Family,
        };
        return new AwsLogGroupCheck(_ecs, regions ?? new CloudWatchLogsRegions(logs ?? new LogGroups(), "eu-west-1"), settings, "eu-west-1").CheckAsync(CancellationToken.None);
    }

    /// <summary>DescribeLogGroups over a fixed list, by prefix, one group per page.</summary>
    private sealed class LogGroups(params string[] names) : ICloudWatchLogsApi
    {
        public List<DescribeLogGroupsRequest> Asked { get; } = [];

        public Task<DescribeLogGroupsResponse> DescribeLogGroupsAsync(DescribeLogGroupsRequest request, CancellationToken cancellationToken = default)
        {
            Asked.Add(request);
            var matching = names.Where(n => n.StartsWith(request.LogGroupNamePrefix ?? string.Empty, StringComparison.Ordinal)).ToList();
            var from = request.NextToken is null ? 0 : int.Parse(request.NextToken, System.Globalization.CultureInfo.InvariantCulture);
            return Task.FromResult(new DescribeLogGroupsResponse
            {
                LogGroups = [.. matching.Skip(from).Take(1).Select(n => new LogGroup { LogGroupName = n })],
                NextToken = from + 1 < matching.Count ? (from + 1).ToString(System.Globalization.CultureInfo.InvariantCulture) : null,
            });
        }

        public Task<GetLogEventsResponse> GetLogEventsAsync(GetLogEventsRequest request, CancellationToken cancellationToken = default) =>
            throw new AssertionException("not used");

        public Task<FilterLogEventsResponse> FilterLogEventsAsync(FilterLogEventsRequest request, CancellationToken cancellationToken = default) =>
            throw new AssertionException("not used");
    }
}
