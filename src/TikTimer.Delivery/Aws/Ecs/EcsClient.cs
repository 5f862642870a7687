using TikTimer.Delivery.Aws.Http;

namespace TikTimer.Delivery.Aws.Ecs;

/// <summary>ECS over awsJson 1.1. Calls that create or change something are marked not idempotent.</summary>
internal sealed class EcsClient(AwsJsonProtocol protocol) : IEcsApi
{
    public Task<RegisterTaskDefinitionResponse> RegisterTaskDefinitionAsync(RegisterTaskDefinitionRequest request, CancellationToken cancellationToken = default) =>
        protocol.InvokeAsync<RegisterTaskDefinitionRequest, RegisterTaskDefinitionResponse>(
            "RegisterTaskDefinition", idempotent: false, request, [new(AwsResource.TaskDefinition, request.Family ?? "(no family)")], cancellationToken);

    public Task<DescribeTaskDefinitionResponse> DescribeTaskDefinitionAsync(DescribeTaskDefinitionRequest request, CancellationToken cancellationToken = default) =>
        protocol.InvokeAsync<DescribeTaskDefinitionRequest, DescribeTaskDefinitionResponse>(
            "DescribeTaskDefinition", idempotent: true, request, [new(AwsResource.TaskDefinition, request.TaskDefinition)], cancellationToken);

    public Task<DeregisterTaskDefinitionResponse> DeregisterTaskDefinitionAsync(DeregisterTaskDefinitionRequest request, CancellationToken cancellationToken = default) =>
        protocol.InvokeAsync<DeregisterTaskDefinitionRequest, DeregisterTaskDefinitionResponse>(
            "DeregisterTaskDefinition", idempotent: true, request, [new(AwsResource.TaskDefinition, request.TaskDefinition)], cancellationToken);

    public Task<RunTaskResponse> RunTaskAsync(RunTaskRequest request, CancellationToken cancellationToken = default) =>
        protocol.InvokeAsync<RunTaskRequest, RunTaskResponse>(
            "RunTask", idempotent: false, request, [new(AwsResource.Cluster, request.Cluster), new(AwsResource.TaskDefinition, request.TaskDefinition)], cancellationToken);

    public Task<DescribeTasksResponse> DescribeTasksAsync(DescribeTasksRequest request, CancellationToken cancellationToken = default) =>
        protocol.InvokeAsync<DescribeTasksRequest, DescribeTasksResponse>(
            "DescribeTasks", idempotent: true, request, [new(AwsResource.Cluster, request.Cluster)], cancellationToken);

    public Task<StopTaskResponse> StopTaskAsync(StopTaskRequest request, CancellationToken cancellationToken = default) =>
        protocol.InvokeAsync<StopTaskRequest, StopTaskResponse>(
            "StopTask", idempotent: true, request, [new(AwsResource.Cluster, request.Cluster), new(AwsResource.Task, request.Task)], cancellationToken);

    public Task<ListTasksResponse> ListTasksAsync(ListTasksRequest request, CancellationToken cancellationToken = default) =>
        protocol.InvokeAsync<ListTasksRequest, ListTasksResponse>(
            "ListTasks", idempotent: true, request, [new(AwsResource.Cluster, request.Cluster)], cancellationToken);

    public Task<DescribeServicesResponse> DescribeServicesAsync(DescribeServicesRequest request, CancellationToken cancellationToken = default) =>
        protocol.InvokeAsync<DescribeServicesRequest, DescribeServicesResponse>(
            "DescribeServices", idempotent: true, request, [new(AwsResource.Cluster, request.Cluster), .. request.Services.Select(s => new AwsResource(AwsResource.Service, s))], cancellationToken);

    public Task<UpdateServiceResponse> UpdateServiceAsync(UpdateServiceRequest request, CancellationToken cancellationToken = default) =>
        protocol.InvokeAsync<UpdateServiceRequest, UpdateServiceResponse>(
            "UpdateService", idempotent: false, request, [new(AwsResource.Cluster, request.Cluster), new(AwsResource.Service, request.Service)], cancellationToken);

    public Task<ListServiceDeploymentsResponse> ListServiceDeploymentsAsync(ListServiceDeploymentsRequest request, CancellationToken cancellationToken = default) =>
        protocol.InvokeAsync<ListServiceDeploymentsRequest, ListServiceDeploymentsResponse>(
            "ListServiceDeployments", idempotent: true, request, [new(AwsResource.Cluster, request.Cluster ?? "(default)"), new(AwsResource.Service, request.Service)], cancellationToken);

    public Task<DescribeServiceDeploymentsResponse> DescribeServiceDeploymentsAsync(DescribeServiceDeploymentsRequest request, CancellationToken cancellationToken = default) =>
        protocol.InvokeAsync<DescribeServiceDeploymentsRequest, DescribeServiceDeploymentsResponse>(
            "DescribeServiceDeployments", idempotent: true, request, [], cancellationToken);

    public Task<DescribeServiceRevisionsResponse> DescribeServiceRevisionsAsync(DescribeServiceRevisionsRequest request, CancellationToken cancellationToken = default) =>
        protocol.InvokeAsync<DescribeServiceRevisionsRequest, DescribeServiceRevisionsResponse>(
            "DescribeServiceRevisions", idempotent: true, request, [], cancellationToken);
}
