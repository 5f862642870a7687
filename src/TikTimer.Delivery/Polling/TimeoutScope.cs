namespace TikTimer.Delivery.Polling;

/// <summary>
/// A token that ends either when our own timeout elapses or when the caller
/// cancels, and can tell the two apart afterwards: a timeout is ours to report
/// as a failure, the caller's cancellation is theirs and passes through.
/// </summary>
public sealed class TimeoutScope : IDisposable
{
    private readonly CancellationTokenSource _timeout;
    private readonly CancellationTokenSource _linked;
    private readonly CancellationToken _caller;

    public TimeoutScope(TimeSpan timeout, TimeProvider time, CancellationToken caller)
    {
        Timeout = timeout;
        _caller = caller;
        _timeout = new CancellationTokenSource(timeout, time);
        _linked = CancellationTokenSource.CreateLinkedTokenSource(_timeout.Token, caller);
    }

    public TimeSpan Timeout { get; }

    public CancellationToken Token => _linked.Token;

    /// <summary>True only when our timeout ended the wait and the caller did not cancel.</summary>
    public bool TimedOut => _timeout.IsCancellationRequested && !_caller.IsCancellationRequested;

    public void Dispose()
    {
        _linked.Dispose();
        _timeout.Dispose();
    }
}
