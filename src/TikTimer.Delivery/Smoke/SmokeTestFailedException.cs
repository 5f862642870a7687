using System.Globalization;
using TikTimer.Delivery.Reporting;

namespace TikTimer.Delivery.Smoke;

/// <summary>The live service did not answer correctly within the smoke test's timeout.</summary>
public sealed class SmokeTestFailedException(SmokeCheckFailure lastFailure, int attempts, TimeSpan timeout)
    : DeliveryException(
        $"SmokeTest: {lastFailure.Url} did not pass within {DurationText.Format(timeout)} ({attempts} attempt(s)); " +
        $"last answer: {(lastFailure.Status is { } s ? s.ToString(CultureInfo.InvariantCulture) : "none")} ({lastFailure.Reason}). " +
        "Check the service's logs and its health check, and that the URL (ALB_DNS) points at it.")
{
    public SmokeCheckFailure LastFailure { get; } = lastFailure;

    public int Attempts { get; } = attempts;

    public TimeSpan Timeout { get; } = timeout;
}
