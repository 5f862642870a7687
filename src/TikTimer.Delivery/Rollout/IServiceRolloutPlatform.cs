namespace TikTimer.Delivery.Rollout;

/// <summary>
/// What a platform must do to roll a long-running service onto a new image:
/// ECS UpdateService with a new task-definition revision on aws, a new container
/// replacing the old one on local. Waiting, judging and rollback are written once
/// on top of this, in <see cref="DeployRunner"/>.
/// </summary>
/// <remarks>
/// Implementations translate their own errors into <see cref="DeliveryException"/>
/// (naming the operation and the service) and never deregister or delete the
/// revision that is serving: rollback needs it.
/// </remarks>
public interface IServiceRolloutPlatform
{
    /// <summary>
    /// Starts moving the service to <see cref="ServiceRolloutRequest.Image"/> (aws: register a
    /// revision identical to the current one except that container's image, then UpdateService),
    /// and says which revision it replaced.
    /// </summary>
    Task<RolloutHandle> StartRolloutAsync(ServiceRolloutRequest request, CancellationToken cancellationToken);

    Task<ServiceSnapshot> DescribeAsync(RolloutHandle rollout, CancellationToken cancellationToken);

    /// <summary>
    /// Starts moving the service back to <see cref="RolloutHandle.PreviousRevisionId"/>; the returned
    /// handle describes that rollout (its revision is the previous one, its previous the failed one).
    /// </summary>
    Task<RolloutHandle> RollBackAsync(RolloutHandle failed, CancellationToken cancellationToken);
}
