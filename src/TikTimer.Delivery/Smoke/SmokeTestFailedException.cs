using TikTimer.Delivery.Reporting;

namespace TikTimer.Delivery.Smoke;

/// <summary>The live service did not answer correctly within the smoke test's timeout.</summary>
public sealed class SmokeTestFailedException : DeliveryException
{
    public SmokeTestFailedException(SmokeCheckFailure lastFailure, int attempts, TimeSpan timeout)
        : base(
            $"SmokeTest: {lastFailure.Url} did not pass within {DurationText.Format(timeout)} ({attempts} attempt(s)); " +
            $"last answer: {(lastFailure.Status is { } s ? s.ToString(System.Globalization.CultureInfo.InvariantCulture) : "none")} ({lastFailure.Reason}). " +
            "Check the service's logs and its health check, and that the URL (ALB_DNS) points at it.")
    {
        LastFailure = lastFailure;
        Attempts = attempts;
        Timeout = timeout;
    }

    public SmokeCheckFailure LastFailure { get; }

    public int Attempts { get; }

    public TimeSpan Timeout { get; }
}
