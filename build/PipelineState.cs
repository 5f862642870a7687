using TikTimer.Delivery;
using TikTimer.Delivery.Images;
using TikTimer.Delivery.Migrations;
using TikTimer.Delivery.Rollout;
using TikTimer.Delivery.Smoke;

namespace TikTimer.Build;

/// <summary>
/// What the tasks of this run produced, typed: the hand-off to later tasks
/// (the image, the rollouts to roll back) and what <see cref="RunSummary"/> reports at the end.
/// </summary>
public sealed class PipelineState
{
    public ImageBuildResult? Build { get; set; }

    public ImagePushResult? Push { get; set; }

    /// <summary>This commit's image, found in the registry by BuildImage: nothing is built or pushed.</summary>
    public ImagePushResult? Reused { get; set; }

    public MigrationResult? Migration { get; set; }

    /// <summary>Why neither the migration nor the rollout ran: another run delivered this image while this one waited.</summary>
    public string? DeliveredMeanwhile { get; set; }

    /// <summary>The rollouts of this run, so a failed smoke test can roll them back.</summary>
    public DeployResult? Deploy { get; set; }

    public SmokeResult? Smoke { get; set; }

    /// <summary>What rolling back after a failed smoke test really achieved, per service.</summary>
    public IReadOnlyList<RollbackReport> Rollbacks { get; set; } = [];

    public List<TaskRecord> Tasks { get; } = [];

    /// <summary>The task Cake was asked to run (Default, Deploy, Rollback, ...), for the delivery record.</summary>
    public string Target { get; set; } = "Default";

    public DateTimeOffset? StartedAt { get; set; }

    /// <summary>The migration family of this run's migration task, for the delivery record.</summary>
    public string? MigrationFamily { get; set; }

    /// <summary>The image Deploy or Rollback rolled out when it was not pushed in this run (--image, a rollback).</summary>
    public string? DeployedImage { get; set; }

    /// <summary>Where this run's delivery record was written, once it is.</summary>
    public string? RecordPath { get; set; }

    /// <summary>The image later stages run: pushed in this run (repository@sha256:...), or given with --image.</summary>
    public string ImageFor(string step, string? configuredImage) =>
        Push?.DigestReference ?? configuredImage ?? throw new DeliveryException(
            $"{step}: no image to run. Run the chain so PushToEcr pushes one (drop --exclusive), or pass --image=<repository>@sha256:<digest>.");
}

/// <summary>One task of the run: how it ended, how long it took, and what it threw.</summary>
public sealed record TaskRecord(string Name, TimeSpan Duration, string Outcome, Exception? Error);
