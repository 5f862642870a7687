using TikTimer.Delivery.Images;
using TikTimer.Delivery.Migrations;
using TikTimer.Delivery.Polling;
using TikTimer.Delivery.Rollout;
using TikTimer.Delivery.Validation;

namespace TikTimer.Delivery.Platform;

/// <summary>
/// Where the chain runs: the aws platform (ECS, ECR, CloudWatch Logs) or the
/// local one (Docker engine, local registry, PostgreSQL). Everything that differs
/// between them is here, so <see cref="DeliveryServices"/> chooses once and the
/// stages never ask which platform they are on.
/// </summary>
public interface IDeliveryPlatform : IDisposable
{
    /// <summary>Read-only checks of what this platform needs, run by Validate before anything changes.</summary>
    IEnumerable<IPrerequisiteCheck> PreflightChecks();

    /// <summary>The registry PushToEcr pushes to, owned by the platform.</summary>
    Task<IImageRegistry> ImageRegistryAsync(CancellationToken cancellationToken);

    /// <summary>Where one-off tasks (the migration) run.</summary>
    IOneOffTaskPlatform OneOffTasks();

    /// <summary>The migration task of <paramref name="image"/>: its family and the command it runs.</summary>
    OneOffTaskSpec MigrationTask(string image);

    /// <summary>How long after a task stops its last log lines may still arrive (zero: its logs are complete at once).</summary>
    TimeSpan LogGracePeriod { get; }

    /// <summary>How often the migration task is described: as quick as a describe is cheap here.</summary>
    AdaptivePollingSchedule MigrationPolling { get; }

    /// <summary>How often a rollout is described.</summary>
    AdaptivePollingSchedule RolloutPolling { get; }

    /// <summary>Where services are rolled out and back.</summary>
    IServiceRolloutPlatform ServiceRollouts();

    /// <summary>What serves now and the last migration task, read without changing anything (Status, Rollback).</summary>
    Status.IDeliveryStatusReader StatusReader();

    /// <summary>What Plan reads: the revisions a delivery would register and the pending migrations, changing nothing.</summary>
    Plan.IPlanReader PlanReader();

    /// <summary>Where the smoke test finds the deployed service when no URL is configured.</summary>
    Task<Uri> ServiceUrlAsync(CancellationToken cancellationToken);

    /// <summary>
    /// After a passed smoke test of <paramref name="url"/>: checks the answers came from what was
    /// deployed and records it as verified (local: the rollback point). Nothing to do on aws,
    /// where the load balancer only routes to the service's healthy tasks.
    /// </summary>
    Task ConfirmSmokeTestedAsync(Uri url, CancellationToken cancellationToken) => Task.CompletedTask;
}
