using TikTimer.Delivery.Configuration;
using TikTimer.Delivery.Images;
using TikTimer.Delivery.Platform;

namespace TikTimer.Delivery.Plan;

/// <summary>
/// Plan: what a delivery would do, read without changing anything anywhere. The procedure
/// mirrors the chain: the image (BuildImage's own reuse decision), the revision each service's
/// rollout and the migration would register, the migrations the image would apply.
/// </summary>
public sealed class DeliveryPlanner(DeliveryServices services, IReadOnlyList<PlannedSetting> settings)
{
    public const string Step = "Plan";

    /// <summary>Stands for the digest of an image not built yet, like terraform plan's "(known after apply)".</summary>
    public const string UnknownDigest = "sha256:(known after push)";

    public async Task<DeliveryPlan> PlanAsync(CancellationToken cancellationToken)
    {
        var configured = services.Settings;
        var image = await ImageAsync(cancellationToken).ConfigureAwait(false);
        var reader = services.Platform.PlanReader();
        var revisions = new List<PlannedRevision>();
        foreach (var service in configured.Services)
        {
            var draft = await reader.ServiceRevisionAsync(service, configured.ContainerName, image.Reference, cancellationToken).ConfigureAwait(false);
            revisions.Add(draft.ToRevision());
        }

        var migration = await reader.MigrationRevisionAsync(services.Platform.MigrationTask(image.Reference), cancellationToken).ConfigureAwait(false);
        revisions.Add(migration.ToRevision());
        var pending = await reader.PendingMigrationsAsync(
            image.Action == ImageAction.Build ? null : image.Reference,
            configured.Get(SettingCatalog.PlanMigrationsCommand),
            cancellationToken).ConfigureAwait(false);
        return new DeliveryPlan(configured.Environment, configured.Platform.ToString().ToLowerInvariant(), image, revisions, pending, settings);
    }

    private async Task<PlannedImage> ImageAsync(CancellationToken cancellationToken)
    {
        var configured = services.Settings;
        if (configured.Image is { } given)
        {
            return new PlannedImage(ImageAction.Given, given, null, given[(given.IndexOf('@', StringComparison.Ordinal) + 1)..], null, "given with --image: nothing is built or pushed");
        }

        var options = services.ImageBuildOptions();
        var reused = await services.ReusableImageAsync(options, cancellationToken).ConfigureAwait(false);
        var git = await services.ImageBuilder().ReadSourceAsync(options, cancellationToken).ConfigureAwait(false);
        if (reused is not null)
        {
            return new PlannedImage(ImageAction.Reuse, reused.DigestReference, reused.Tag, reused.Digest, git.Commit, $"{reused.TagReference} already holds this commit's image: no build, no push");
        }

        var tags = ImageTagPolicy.Resolve(git, services.Clock.GetUtcNow(), options.ExtraTags, options.Tag);
        var registry = await services.Platform.ImageRegistryAsync(cancellationToken).ConfigureAwait(false);
        var exists = await registry.LookUpRepositoryAsync(cancellationToken).ConfigureAwait(false);
        var why = !exists
            ? $"the repository does not exist yet (PushToEcr creates it only with --create-repository=true)"
            : options.Tag is not null
            ? $"--image-tag={options.Tag} is given, so the commit's image is not looked for"
            : git.IsDirty
                ? "the working tree has uncommitted changes that reach the image"
                : $"the registry holds no image of commit {git.Commit} built with these settings";
        return new PlannedImage(ImageAction.Build, $"{registry.Repository}@{UnknownDigest}", tags.Primary, null, git.Commit, $"as {registry.Repository}:{tags.Primary}: {why}");
    }
}
