namespace TikTimer.Delivery.Pipeline;

/// <summary>The aws platform's implementations, built from settings.</summary>
internal static class AwsStages
{
    public static IDisposable OpenEcrRegistry(DeliveryServices services) =>
        throw new DeliveryException("PushToEcr: the ECR registry is not wired yet (issue #4, aws side).");
}
