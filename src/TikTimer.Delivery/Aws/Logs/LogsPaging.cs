using System.Runtime.CompilerServices;

namespace TikTimer.Delivery.Aws.Logs;

/// <summary>Reads through the pages; works on any <see cref="ICloudWatchLogsApi"/>.</summary>
public static class LogsPaging
{
    public const int MaxPagesPerRead = 50;

    /// <summary>Every event matching the filter, following nextToken to the end.</summary>
    public static async IAsyncEnumerable<FilteredLogEvent> FilterAllLogEventsAsync(
        this ICloudWatchLogsApi logs,
        FilterLogEventsRequest request,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var page = request;
        while (true)
        {
            var response = await logs.FilterLogEventsAsync(page, cancellationToken).ConfigureAwait(false);
            foreach (var logEvent in response.Events)
            {
                yield return logEvent;
            }

            if (string.IsNullOrEmpty(response.NextToken) || response.NextToken == page.NextToken)
            {
                yield break;
            }

            page = page with { NextToken = response.NextToken };
        }
    }

    /// <summary>
    /// One catch-up read of a stream: follows nextForwardToken until it repeats (CloudWatch's
    /// way of saying "nothing newer yet") and returns the events with the token to resume
    /// from on the next poll. Pass the returned token back as <paramref name="forwardToken"/>.
    /// </summary>
    public static async Task<LogEventsPage> ReadForwardAsync(
        this ICloudWatchLogsApi logs,
        string logGroupName,
        string logStreamName,
        string? forwardToken,
        CancellationToken cancellationToken = default)
    {
        var events = new List<OutputLogEvent>();
        var token = forwardToken;

        // Bounded so that a service that keeps handing out fresh tokens cannot hold a poll forever.
        for (var page = 0; page < MaxPagesPerRead; page++)
        {
            var response = await logs.GetLogEventsAsync(
                new GetLogEventsRequest(logGroupName, logStreamName) { StartFromHead = true, NextToken = token },
                cancellationToken).ConfigureAwait(false);
            events.AddRange(response.Events);
            var next = response.NextForwardToken;
            if (string.IsNullOrEmpty(next) || next == token)
            {
                return new LogEventsPage(events, next ?? token);
            }

            token = next;
        }

        return new LogEventsPage(events, token);
    }
}

/// <summary>Events read so far and where to resume.</summary>
public sealed record LogEventsPage(IReadOnlyList<OutputLogEvent> Events, string? NextForwardToken);
