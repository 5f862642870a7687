using Microsoft.Extensions.Time.Testing;
using TikTimer.Delivery.Rollout;

namespace TikTimer.Delivery.Tests.Fakes;

/// <summary>
/// Services whose rollouts (and rollbacks) follow scripts on the fake clock:
/// snapshots appear at given times after the rollout starts. Records every call.
/// A rollout moves a service from "old" to "new"; a rollback from "new" to "old".
/// </summary>
public sealed class FakeServiceRolloutPlatform(FakeTimeProvider clock) : IServiceRolloutPlatform
{
    private readonly Dictionary<(string Service, bool Rollback), List<(TimeSpan At, ServiceSnapshot Snapshot)>> _scripts = [];
    private readonly Dictionary<(string Service, bool Rollback), DateTimeOffset> _startedAt = [];

    public List<ServiceRolloutRequest> Started { get; } = [];

    public List<RolloutHandle> RolledBack { get; } = [];

    public HashSet<string> FailToStart { get; } = [];

    public HashSet<string> FailToRollBack { get; } = [];

    /// <summary>Services whose rollout start never returns until cancelled, like a call retried on throttling.</summary>
    public HashSet<string> HangOnStart { get; } = [];

    /// <summary>Services whose rollback start never returns until cancelled.</summary>
    public HashSet<string> HangOnRollBack { get; } = [];

    /// <summary>When (fake time) each hanging start was cancelled: recorded by the cancellation itself, so exact.</summary>
    public List<DateTimeOffset> HangsGivenUpAt { get; } = [];

    public int DescribeCalls { get; private set; }

    /// <summary>When (fake time) each describe was made, and whether it described a rollback.</summary>
    public List<(DateTimeOffset At, bool Rollback)> Described { get; } = [];

    public HashSet<string> FailToDescribe { get; } = [];

    public static DeploymentSnapshot New(
        DeploymentStatus status = DeploymentStatus.Primary, int desired = 2, int running = 2,
        RolloutState? state = RolloutState.Completed, string? reason = null) =>
        new("dep-new", status, "rev-new", desired, running, desired - running, 0, state, reason, DateTimeOffset.MinValue);

    public static DeploymentSnapshot Old(DeploymentStatus status = DeploymentStatus.Active, int running = 2, RolloutState? state = RolloutState.Completed) =>
        new("dep-old", status, "rev-old", 2, running, 0, 0, state);

    public static DeploymentSnapshot RolledBackTo(int running = 2) =>
        new("dep-rollback", DeploymentStatus.Primary, "rev-old", 2, running, 0, 0, running == 2 ? RolloutState.Completed : RolloutState.InProgress);

    public FakeServiceRolloutPlatform At(string service, TimeSpan at, params DeploymentSnapshot[] deployments) =>
        Add(service, false, at, deployments, []);

    public FakeServiceRolloutPlatform AtWithEvents(string service, TimeSpan at, DeploymentSnapshot[] deployments, params ServiceEvent[] events) =>
        Add(service, false, at, deployments, events);

    public FakeServiceRolloutPlatform RollbackAt(string service, TimeSpan at, params DeploymentSnapshot[] deployments) =>
        Add(service, true, at, deployments, []);

    public Task<RolloutHandle> StartRolloutAsync(ServiceRolloutRequest request, CancellationToken cancellationToken)
    {
        Started.Add(request);
        if (HangOnStart.Contains(request.Service))
        {
            return Hang<RolloutHandle>(cancellationToken);
        }

        if (FailToStart.Contains(request.Service))
        {
            return Task.FromException<RolloutHandle>(new DeliveryException($"UpdateService {request.Service}: ServiceNotFoundException"));
        }

        _startedAt[(request.Service, false)] = clock.GetUtcNow();
        return Task.FromResult(new RolloutHandle(request.Service, "rev-new", "rev-old", "dep-new"));
    }

    public Task<ServiceSnapshot> DescribeAsync(RolloutHandle rollout, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        DescribeCalls++;
        Described.Add((clock.GetUtcNow(), rollout.DeploymentId == "dep-rollback"));
        if (FailToDescribe.Contains(rollout.Service) && rollout.DeploymentId != "dep-rollback")
        {
            return Task.FromException<ServiceSnapshot>(new DeliveryException($"DescribeServices {rollout.Service}: AccessDeniedException"));
        }

        var key = (rollout.Service, rollout.DeploymentId == "dep-rollback");
        var elapsed = clock.GetUtcNow() - _startedAt[key];
        var snapshot = _scripts[key].Where(s => s.At <= elapsed).Select(s => s.Snapshot).Last();
        return Task.FromResult(snapshot);
    }

    public Task<RolloutHandle> RollBackAsync(RolloutHandle failed, CancellationToken cancellationToken)
    {
        RolledBack.Add(failed);
        if (HangOnRollBack.Contains(failed.Service))
        {
            return Hang<RolloutHandle>(cancellationToken);
        }

        if (FailToRollBack.Contains(failed.Service))
        {
            return Task.FromException<RolloutHandle>(new DeliveryException($"UpdateService {failed.Service}: AccessDeniedException"));
        }

        _startedAt[(failed.Service, true)] = clock.GetUtcNow();
        return Task.FromResult(new RolloutHandle(failed.Service, "rev-old", "rev-new", "dep-rollback"));
    }

    private async Task<T> Hang<T>(CancellationToken cancellationToken)
    {
        using var record = cancellationToken.Register(() => HangsGivenUpAt.Add(clock.GetUtcNow()));
        await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
        throw new InvalidOperationException("unreachable");
    }

    private FakeServiceRolloutPlatform Add(string service, bool rollback, TimeSpan at, DeploymentSnapshot[] deployments, ServiceEvent[] events)
    {
        var key = (service, rollback);
        if (!_scripts.TryGetValue(key, out var script))
        {
            _scripts[key] = script = [];
        }

        script.Add((at, new ServiceSnapshot(service, deployments, events)));
        return this;
    }
}
