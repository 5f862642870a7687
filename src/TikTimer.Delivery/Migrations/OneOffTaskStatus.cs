namespace TikTimer.Delivery.Migrations;

/// <summary>
/// A task's lifecycle, normalised. ECS's PROVISIONING/PENDING/ACTIVATING map to
/// Pending, RUNNING to Running, DEACTIVATING/STOPPING/DEPROVISIONING to Stopping,
/// STOPPED to Stopped; the raw value is kept in <see cref="OneOffTaskState.RawStatus"/>.
/// </summary>
public enum OneOffTaskStatus
{
    Pending,
    Running,
    Stopping,
    Stopped,
}
