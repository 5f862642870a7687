namespace TikTimer.Api.Health;

/// <summary>How long <c>GET /health</c> may spend on the database.</summary>
public sealed record HealthCheckOptions
{
    public static readonly TimeSpan MaximumTimeout = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Time for opening a connection and running <c>SELECT 1</c>. Default 2 s: well under
    /// the load balancer's and the smoke test's own probe timeouts, so a hung database
    /// shows as a prompt 503 rather than as a probe timeout. Range (0, 30 s].
    /// </summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(2);

    public HealthCheckOptions Validated()
    {
        if (Timeout <= TimeSpan.Zero || Timeout > MaximumTimeout)
        {
            throw new ArgumentOutOfRangeException(
                nameof(Timeout), Timeout, $"The health check timeout must be more than 0 and at most {MaximumTimeout.TotalSeconds:0} s.");
        }

        return this;
    }
}
