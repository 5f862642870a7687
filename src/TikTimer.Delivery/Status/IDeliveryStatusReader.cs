namespace TikTimer.Delivery.Status;

/// <summary>The read operations Status and Rollback need from a platform; none of them changes anything.</summary>
public interface IDeliveryStatusReader
{
    Task<ServiceStatus> ServiceAsync(string service, CancellationToken cancellationToken);

    /// <summary>The image the service's container runs in task-definition revision <paramref name="revision"/> of its family (Rollback --to-revision).</summary>
    Task<string> ImageOfRevisionAsync(string service, string revision, CancellationToken cancellationToken);

    /// <summary>The newest task of <paramref name="family"/>, or null when the platform keeps none.</summary>
    Task<OneOffTaskRun?> LastOneOffTaskAsync(string family, CancellationToken cancellationToken);
}
