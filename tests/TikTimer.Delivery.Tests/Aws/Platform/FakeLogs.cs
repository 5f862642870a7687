using TikTimer.Delivery.Aws;
using TikTimer.Delivery.Aws.Logs;

namespace TikTimer.Delivery.Tests.Aws.Platform;

/// <summary>
/// CloudWatch Logs streams in memory, paged like GetLogEvents: the forward token is the
/// position read up to, repeated when there is nothing newer. A missing stream is ResourceNotFoundException.
/// </summary>
internal sealed class FakeLogs(int pageSize = 2) : ICloudWatchLogsApi
{
    private readonly Dictionary<(string Group, string Stream), List<OutputLogEvent>> _streams = [];

    public List<GetLogEventsRequest> Reads { get; } = [];

    public void Write(string group, string stream, params string[] messages)
    {
        if (!_streams.TryGetValue((group, stream), out var events))
        {
            _streams[(group, stream)] = events = [];
        }

        events.AddRange(messages.Select((m, i) => new OutputLogEvent { Timestamp = 1_700_000_000_000 + events.Count + i, Message = m }));
    }

    public Task<GetLogEventsResponse> GetLogEventsAsync(GetLogEventsRequest request, CancellationToken cancellationToken = default)
    {
        Reads.Add(request);
        if (!_streams.TryGetValue((request.LogGroupName, request.LogStreamName), out var events))
        {
            throw new AwsServiceException("The specified log stream does not exist.", "CloudWatch Logs", "GetLogEvents", "ResourceNotFoundException", "The specified log stream does not exist.", null, 400);
        }

        var from = request.NextToken is null ? 0 : int.Parse(request.NextToken[2..], System.Globalization.CultureInfo.InvariantCulture);
        var page = events.Skip(from).Take(pageSize).ToList();
        return Task.FromResult(new GetLogEventsResponse { Events = page, NextForwardToken = $"f/{from + page.Count}" });
    }

    public Task<FilterLogEventsResponse> FilterLogEventsAsync(FilterLogEventsRequest request, CancellationToken cancellationToken = default) =>
        throw new AssertionException("FilterLogEvents is not used.");

    public Task<DescribeLogGroupsResponse> DescribeLogGroupsAsync(DescribeLogGroupsRequest request, CancellationToken cancellationToken = default) =>
        throw new AssertionException("DescribeLogGroups is not used.");
}
