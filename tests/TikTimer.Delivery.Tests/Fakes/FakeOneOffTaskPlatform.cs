using Microsoft.Extensions.Time.Testing;
using TikTimer.Delivery.Migrations;

namespace TikTimer.Delivery.Tests.Fakes;

/// <summary>
/// A task whose life follows a script on the fake clock: states and log lines
/// appear at given times after the start. Records every call.
/// </summary>
public sealed class FakeOneOffTaskPlatform(FakeTimeProvider clock) : IOneOffTaskPlatform
{
    private readonly List<(TimeSpan At, OneOffTaskState State)> _states = [];
    private readonly List<(TimeSpan At, string Message)> _lines = [];
    private DateTimeOffset _startedAt;
    private OneOffTaskState? _stoppedByRequest;

    public OneOffTaskHandle Handle { get; } = new("arn:aws:ecs:eu-west-1:1:task/c/abc123", "abc123", "aws ecs stop-task --cluster c --task abc123");

    public List<OneOffTaskHandle> Active { get; } = [];

    /// <summary>Tasks of another run that appear only once ours started (two runs passing the guard together).</summary>
    public List<OneOffTaskHandle> ActiveAfterStart { get; } = [];

    public List<OneOffTaskSpec> Started { get; } = [];

    public List<TimeSpan> DescribedAt { get; } = [];

    public List<string> StopReasons { get; } = [];

    public TimeSpan? FirstSeenStoppedAt { get; private set; }

    public Exception? LogReadError { get; set; }

    public static OneOffTaskState Pending => new(OneOffTaskStatus.Pending, "PENDING");

    public static OneOffTaskState Running => new(OneOffTaskStatus.Running, "RUNNING", EverStarted: true);

    public static OneOffTaskState Exited(int code) =>
        new(OneOffTaskStatus.Stopped, "STOPPED", ExitCode: code, StopCode: "EssentialContainerExited", EverStarted: true);

    public FakeOneOffTaskPlatform At(TimeSpan at, OneOffTaskState state)
    {
        _states.Add((at, state));
        return this;
    }

    public FakeOneOffTaskPlatform Logs(TimeSpan at, params string[] messages)
    {
        _lines.AddRange(messages.Select(m => (at, m)));
        return this;
    }

    public Task<OneOffTaskHandle> StartAsync(OneOffTaskSpec spec, CancellationToken cancellationToken)
    {
        Started.Add(spec);
        _startedAt = clock.GetUtcNow();
        return Task.FromResult(Handle with { CreatedAt = _startedAt });
    }

    public Task<OneOffTaskState> DescribeAsync(OneOffTaskHandle task, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var now = Elapsed;
        DescribedAt.Add(now);
        var state = _stoppedByRequest ?? _states.Where(s => s.At <= now).Select(s => s.State).LastOrDefault() ?? Pending;
        if (state.Status == OneOffTaskStatus.Stopped)
        {
            FirstSeenStoppedAt ??= now;
        }

        return Task.FromResult(state);
    }

    public Task StopAsync(OneOffTaskHandle task, string reason, CancellationToken cancellationToken)
    {
        StopReasons.Add(reason);
        _stoppedByRequest = new OneOffTaskState(OneOffTaskStatus.Stopped, "STOPPED", StopCode: "UserInitiated", StoppedReason: reason, EverStarted: true);
        return Task.CompletedTask;
    }

    public Task<LogBatch> ReadLogsAsync(OneOffTaskHandle task, LogCursor? after, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (LogReadError is not null)
        {
            return Task.FromException<LogBatch>(LogReadError);
        }

        var from = after is null ? 0 : int.Parse(after.Value, System.Globalization.CultureInfo.InvariantCulture);
        var visible = _lines.OrderBy(l => l.At).Where(l => l.At <= Elapsed).ToList();
        var batch = visible.Skip(from).Take(3).Select(l => new LogLine(_startedAt + l.At, l.Message)).ToList();
        var next = new LogCursor((from + batch.Count).ToString(System.Globalization.CultureInfo.InvariantCulture));
        return Task.FromResult(new LogBatch(batch, next));
    }

    public Task<IReadOnlyList<OneOffTaskHandle>> FindActiveAsync(string family, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<OneOffTaskHandle>>(Started.Count == 0 ? Active : [.. Active, .. ActiveAfterStart]);

    private TimeSpan Elapsed => clock.GetUtcNow() - _startedAt;
}
