using TikTimer.Delivery.Reporting;

namespace TikTimer.Delivery.Migrations;

/// <summary>
/// Prints a task's new log lines as they arrive, in order and each once, and
/// keeps the last few for a failure summary.
/// </summary>
/// <remarks>
/// The cursor only moves after a batch is printed, so a read cut short by
/// cancellation is simply read again by the next one. Logs are a view of the
/// task, not its verdict: a failed read is reported and the wait goes on.
/// Not thread-safe: the runner never reads in two places at once.
/// </remarks>
internal sealed class LogFollower(IOneOffTaskPlatform platform, OneOffTaskHandle task, IDeliveryLog log, int tailSize)
{
    // A busy task can have more lines waiting than one read returns.
    private const int MaxReadsPerRound = 50;

    private readonly Queue<string> _tail = new();
    private readonly List<string> _applied = [];
    private LogCursor? _cursor;
    private bool _warned;

    public IReadOnlyList<string> Tail => [.. _tail];

    /// <summary>The migrations the task's log said it applied, in order.</summary>
    public IReadOnlyList<string> Applied => _applied;

    public async Task FollowAsync(TimeSpan interval, TimeProvider time, CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                await ReadNewAsync(cancellationToken).ConfigureAwait(false);
                await Task.Delay(interval, time, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The wait is over; the runner does the final read itself.
        }
    }

    /// <summary>Reads and prints everything available now. Never throws, except for cancellation.</summary>
    /// <returns>How many new lines were printed (none when the read failed).</returns>
    public async Task<int> ReadNewAsync(CancellationToken cancellationToken)
    {
        var printed = 0;
        for (var round = 0; round < MaxReadsPerRound; round++)
        {
            LogBatch batch;
            try
            {
                batch = await platform.ReadLogsAsync(task, _cursor, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                ReportReadFailure(error);
                return printed;
            }

            foreach (var line in batch.Lines)
            {
                Print(line);
            }

            printed += batch.Lines.Count;
            _cursor = batch.Next ?? _cursor;
            if (batch.Lines.Count == 0)
            {
                return printed;
            }
        }

        return printed;
    }

    private void Print(LogLine line)
    {
        log.Information($"  [{task.DisplayName}] {line.Message}");
        if (AppliedMigrations.From(line.Message) is { } applied)
        {
            _applied.Add(applied);
        }
        if (tailSize == 0)
        {
            return;
        }

        _tail.Enqueue(line.Message);
        while (_tail.Count > tailSize)
        {
            _tail.Dequeue();
        }
    }

    private void ReportReadFailure(Exception error)
    {
        var message = $"Could not read the logs of migration task {task.DisplayName}: {error.Message}";
        if (_warned)
        {
            log.Verbose(message);
            return;
        }

        _warned = true;
        log.Warning(message + " (will keep trying; the migration's result does not depend on it)");
    }
}
