using TikTimer.Delivery.Aws.Http;

namespace TikTimer.Delivery.Aws.Logs;

/// <summary>CloudWatch Logs over awsJson 1.1; every operation only reads.</summary>
internal sealed class CloudWatchLogsClient(AwsJsonProtocol protocol) : ICloudWatchLogsApi
{
    public Task<GetLogEventsResponse> GetLogEventsAsync(GetLogEventsRequest request, CancellationToken cancellationToken = default) =>
        protocol.InvokeAsync<GetLogEventsRequest, GetLogEventsResponse>(
            "GetLogEvents", idempotent: true, request,
            [new(AwsResource.LogGroup, request.LogGroupName), new(AwsResource.LogStream, request.LogStreamName)], cancellationToken);

    public Task<FilterLogEventsResponse> FilterLogEventsAsync(FilterLogEventsRequest request, CancellationToken cancellationToken = default) =>
        protocol.InvokeAsync<FilterLogEventsRequest, FilterLogEventsResponse>(
            "FilterLogEvents", idempotent: true, request, [new(AwsResource.LogGroup, request.LogGroupName)], cancellationToken);

    public Task<DescribeLogGroupsResponse> DescribeLogGroupsAsync(DescribeLogGroupsRequest request, CancellationToken cancellationToken = default) =>
        protocol.InvokeAsync<DescribeLogGroupsRequest, DescribeLogGroupsResponse>(
            "DescribeLogGroups", idempotent: true, request,
            request.LogGroupNamePrefix is { } prefix ? [new(AwsResource.LogGroup, prefix)] : [], cancellationToken);
}
