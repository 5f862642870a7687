using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using TikTimer.Delivery.Aws;
using TikTimer.Delivery.Aws.Ecs;

namespace TikTimer.Delivery.Tests.Aws.Platform;

/// <summary>
/// An in-memory ECS that keeps task definitions like ECS does (families, revisions, tags)
/// and answers tasks and services from handlers a test sets. Every request is recorded.
/// </summary>
internal sealed class FakeEcs : IEcsApi
{
    private readonly Dictionary<string, List<(TaskDefinition Definition, IReadOnlyList<Tag> Tags)>> _families = new(StringComparer.Ordinal);

    public ConcurrentQueue<object> Requests { get; } = new();

    public Func<RunTaskRequest, RunTaskResponse> OnRunTask { get; set; } = request => new RunTaskResponse
    {
        Tasks = [new EcsTask { TaskArn = $"arn:aws:ecs:eu-west-1:123456789012:task/c/0123456789abcdef", TaskDefinitionArn = request.TaskDefinition, LastStatus = "PROVISIONING" }],
    };

    public Func<DescribeTasksRequest, DescribeTasksResponse> OnDescribeTasks { get; set; } = _ => new DescribeTasksResponse();

    public Func<StopTaskRequest, StopTaskResponse> OnStopTask { get; set; } = _ => new StopTaskResponse();

    public Func<ListTasksRequest, ListTasksResponse> OnListTasks { get; set; } = _ => new ListTasksResponse();

    public Func<DescribeServicesRequest, DescribeServicesResponse> OnDescribeServices { get; set; } = _ => new DescribeServicesResponse();

    public Func<UpdateServiceRequest, UpdateServiceResponse> OnUpdateService { get; set; } = _ => new UpdateServiceResponse();

    public IEnumerable<T> Recorded<T>() => Requests.OfType<T>();

    /// <summary>Registers as ECS would and returns the new revision's ARN.</summary>
    public string Seed(string json, params Tag[] tags)
    {
        var request = RegisterTaskDefinitionRequest.Parse(json);
        var json2 = request.Json.DeepClone().AsObject();
        json2.Remove("tags");
        return Register(request.Family!, json2, tags).TaskDefinitionArn!;
    }

    public Task<RegisterTaskDefinitionResponse> RegisterTaskDefinitionAsync(RegisterTaskDefinitionRequest request, CancellationToken cancellationToken = default)
    {
        Requests.Enqueue(request);
        var json = request.Json.DeepClone().AsObject();
        json.Remove("tags");
        var definition = Register(request.Family!, json, request.Tags);
        return Task.FromResult(new RegisterTaskDefinitionResponse { TaskDefinition = definition, Tags = request.Tags });
    }

    public Task<DescribeTaskDefinitionResponse> DescribeTaskDefinitionAsync(DescribeTaskDefinitionRequest request, CancellationToken cancellationToken = default)
    {
        Requests.Enqueue(request);
        var name = request.TaskDefinition[(request.TaskDefinition.LastIndexOf('/') + 1)..];
        var family = name.Split(':')[0];
        if (!_families.TryGetValue(family, out var revisions))
        {
            throw new AwsServiceException("Unable to describe task definition.", "ECS", "DescribeTaskDefinition", "ClientException", "Unable to describe task definition.", null, 400);
        }

        var found = name.Contains(':', StringComparison.Ordinal) ? revisions[int.Parse(name.Split(':')[1], System.Globalization.CultureInfo.InvariantCulture) - 1] : revisions[^1];
        return Task.FromResult(new DescribeTaskDefinitionResponse { TaskDefinition = found.Definition, Tags = found.Tags });
    }

    public Task<DeregisterTaskDefinitionResponse> DeregisterTaskDefinitionAsync(DeregisterTaskDefinitionRequest request, CancellationToken cancellationToken = default)
    {
        Requests.Enqueue(request);
        throw new AssertionException("Nothing may be deregistered.");
    }

    public Task<RunTaskResponse> RunTaskAsync(RunTaskRequest request, CancellationToken cancellationToken = default) => Answer(request, OnRunTask);

    public Task<DescribeTasksResponse> DescribeTasksAsync(DescribeTasksRequest request, CancellationToken cancellationToken = default) => Answer(request, OnDescribeTasks);

    public Task<StopTaskResponse> StopTaskAsync(StopTaskRequest request, CancellationToken cancellationToken = default) => Answer(request, OnStopTask);

    public Task<ListTasksResponse> ListTasksAsync(ListTasksRequest request, CancellationToken cancellationToken = default) => Answer(request, OnListTasks);

    public Task<DescribeServicesResponse> DescribeServicesAsync(DescribeServicesRequest request, CancellationToken cancellationToken = default) => Answer(request, OnDescribeServices);

    public Task<UpdateServiceResponse> UpdateServiceAsync(UpdateServiceRequest request, CancellationToken cancellationToken = default) => Answer(request, OnUpdateService);

    // ECS service deployments: by default not served (as an endpoint without them answers); set the handlers to serve them.
    public Func<ListServiceDeploymentsRequest, ListServiceDeploymentsResponse> OnListServiceDeployments { get; set; } = _ => throw NotServed("ListServiceDeployments");

    public Func<DescribeServiceDeploymentsRequest, DescribeServiceDeploymentsResponse> OnDescribeServiceDeployments { get; set; } = _ => throw NotServed("DescribeServiceDeployments");

    public Func<DescribeServiceRevisionsRequest, DescribeServiceRevisionsResponse> OnDescribeServiceRevisions { get; set; } = _ => throw NotServed("DescribeServiceRevisions");

    public Task<ListServiceDeploymentsResponse> ListServiceDeploymentsAsync(ListServiceDeploymentsRequest request, CancellationToken cancellationToken = default) =>
        Answer(request, OnListServiceDeployments);

    public Task<DescribeServiceDeploymentsResponse> DescribeServiceDeploymentsAsync(DescribeServiceDeploymentsRequest request, CancellationToken cancellationToken = default) =>
        Answer(request, OnDescribeServiceDeployments);

    public Task<DescribeServiceRevisionsResponse> DescribeServiceRevisionsAsync(DescribeServiceRevisionsRequest request, CancellationToken cancellationToken = default) =>
        Answer(request, OnDescribeServiceRevisions);

    public static AwsServiceException NotServed(string operation, string code = "UnknownOperationException", int status = 400) =>
        new($"ECS {operation}: {code}", "ECS", operation, code, $"{operation} is not served here", "req-1", status);

    private Task<TResponse> Answer<TRequest, TResponse>(TRequest request, Func<TRequest, TResponse> handler)
        where TRequest : notnull
    {
        Requests.Enqueue(request);
        return Task.FromResult(handler(request));
    }

    private TaskDefinition Register(string family, JsonObject json, IReadOnlyList<Tag> tags)
    {
        if (!_families.TryGetValue(family, out var revisions))
        {
            _families[family] = revisions = [];
        }

        var revision = revisions.Count + 1;
        json["revision"] = revision;
        json["taskDefinitionArn"] = $"arn:aws:ecs:eu-west-1:123456789012:task-definition/{family}:{revision}";
        json["status"] = "ACTIVE";
        var definition = new TaskDefinition(json);
        revisions.Add((definition, tags));
        return definition;
    }
}
