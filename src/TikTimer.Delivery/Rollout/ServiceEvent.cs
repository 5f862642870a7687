namespace TikTimer.Delivery.Rollout;

/// <summary>A service event ("(service api) has started 1 tasks", "... failed container health checks").</summary>
public sealed record ServiceEvent(string Id, DateTimeOffset CreatedAt, string Message);
