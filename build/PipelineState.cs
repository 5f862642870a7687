using TikTimer.Delivery;
using TikTimer.Delivery.Images;
using TikTimer.Delivery.Rollout;

namespace TikTimer.Build;

/// <summary>
/// What earlier tasks produced for later ones in this run (the image built,
/// the digest pushed, the migration task), and what the summary reports.
/// </summary>
public sealed class PipelineState
{
    public ImageBuildResult? Build { get; set; }

    public ImagePushResult? Push { get; set; }

    /// <summary>This commit's image, found in the registry by BuildImage: nothing is built or pushed.</summary>
    public ImagePushResult? Reused { get; set; }

    public string? LocalImageId => Build?.ImageId;

    /// <summary>repository@sha256:..., the only form later stages deploy or migrate.</summary>
    public string? PushedImage => Push?.DigestReference;

    /// <summary>The image later stages run: pushed in this run, or given with --image.</summary>
    public string ImageFor(string step, string? configuredImage) =>
        PushedImage ?? configuredImage ?? throw new DeliveryException(
            $"{step}: no image to run. Run the chain so PushToEcr pushes one (drop --exclusive), or pass --image=<repository>@sha256:<digest>.");

    public string? MigrationTaskId { get; set; }

    public int? MigrationExitCode { get; set; }

    public List<string> RolloutResults { get; } = [];

    /// <summary>The rollouts of this run, so a failed smoke test can roll them back.</summary>
    public DeployResult? Deploy { get; set; }

    public List<string> TaskDefinitionRevisions { get; } = [];

    public List<(string Task, TimeSpan Duration, string Outcome)> TaskOutcomes { get; } = [];
}
