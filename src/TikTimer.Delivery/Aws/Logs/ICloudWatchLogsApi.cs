namespace TikTimer.Delivery.Aws.Logs;

/// <summary>The CloudWatch Logs reads the pipeline uses (DescribeLogGroups: Validate's check that the task definitions' log groups exist). Errors surface as <see cref="AwsServiceException"/>.</summary>
public interface ICloudWatchLogsApi
{
    Task<GetLogEventsResponse> GetLogEventsAsync(GetLogEventsRequest request, CancellationToken cancellationToken = default);

    Task<FilterLogEventsResponse> FilterLogEventsAsync(FilterLogEventsRequest request, CancellationToken cancellationToken = default);

    Task<DescribeLogGroupsResponse> DescribeLogGroupsAsync(DescribeLogGroupsRequest request, CancellationToken cancellationToken = default);
}
