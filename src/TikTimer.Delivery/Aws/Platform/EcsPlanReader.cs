using TikTimer.Delivery.Aws.Ecs;
using TikTimer.Delivery.Migrations;
using TikTimer.Delivery.Plan;

namespace TikTimer.Delivery.Aws.Platform;

/// <summary>
/// <see cref="IPlanReader"/> on ECS: Describe calls only. The next revision is built exactly as
/// Deploy and MigrateViaEcs build it (<see cref="TaskDefinitionRevision.WithContainerImage"/>) and
/// compared with the current one put through the same function with its own image, so the diff
/// shows what the delivery changes and nothing of how ECS describes a registered revision.
/// </summary>
/// <remarks>
/// Pending migrations are not listed on aws: the database is reachable only from inside the VPC,
/// so listing them means a task of the new image, i.e. a registered revision, which Plan never makes.
/// </remarks>
public sealed class EcsPlanReader(IEcsApi ecs, string cluster, string migrationContainerName) : IPlanReader
{
    public async Task<RevisionDraft> ServiceRevisionAsync(string service, string containerName, string image, CancellationToken cancellationToken)
    {
        var described = await ecs.DescribeServicesAsync(new DescribeServicesRequest(cluster, [service]), cancellationToken).ConfigureAwait(false);
        var found = described.Services.FirstOrDefault(s => s.Status != "INACTIVE")
            ?? throw new DeliveryException($"{DeliveryPlanner.Step}: ECS service '{service}' was not found in cluster '{cluster}'. Check --services and --cluster (Terraform creates both).");
        var serving = found.TaskDefinition
            ?? throw new DeliveryException($"{DeliveryPlanner.Step}: ECS service '{service}' on cluster '{cluster}' has no task definition to start from.");
        var current = await ecs.DescribeTaskDefinitionAsync(new DescribeTaskDefinitionRequest(serving), cancellationToken).ConfigureAwait(false);
        return await DraftAsync(RevisionKind.Service, service, current, containerName, image, cancellationToken).ConfigureAwait(false);
    }

    public async Task<RevisionDraft> MigrationRevisionAsync(OneOffTaskSpec migration, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(migration);
        DescribeTaskDefinitionResponse current;
        try
        {
            current = await ecs.DescribeTaskDefinitionAsync(new DescribeTaskDefinitionRequest(migration.Family), cancellationToken).ConfigureAwait(false);
        }
        catch (AwsServiceException error) when (error.ErrorCode == "ClientException")
        {
            throw new DeliveryException(
                $"{DeliveryPlanner.Step}: migration task family '{migration.Family}' has no active revision; create it with Terraform first (or set --migration-task-family). ECS said: {error.AwsMessage}",
                error);
        }

        return await DraftAsync(RevisionKind.Migration, migration.Family, current, migrationContainerName, migration.Image, cancellationToken).ConfigureAwait(false);
    }

    public Task<PlannedMigrations> PendingMigrationsAsync(string? image, IReadOnlyList<string>? command, CancellationToken cancellationToken) =>
        Task.FromResult(PlannedMigrations.NotListed(
            command,
            "not listed on aws: the database is reachable only from the VPC, and a task of the new image needs a registered revision, which Plan never makes. MigrateViaEcs prints each migration it applies."));

    private async Task<RevisionDraft> DraftAsync(RevisionKind kind, string name, DescribeTaskDefinitionResponse current, string containerName, string image, CancellationToken cancellationToken)
    {
        var definition = current.TaskDefinition;
        var currentImage = definition.Container(containerName)?.Image ?? image;
        var before = TaskDefinitionRevision.WithContainerImage(current, containerName, currentImage).Json;
        var after = TaskDefinitionRevision.WithContainerImage(current, containerName, image).Json;

        // The next revision number is the family's latest plus one, which need not be the serving one's.
        var family = definition.Family ?? name;
        var latest = await ecs.DescribeTaskDefinitionAsync(new DescribeTaskDefinitionRequest(family), cancellationToken).ConfigureAwait(false);
        var next = $"{family}:{(latest.TaskDefinition.Revision ?? definition.Revision ?? 0) + 1}";
        return new RevisionDraft(kind, name, ImageRevisions.Name(definition), before, next, after);
    }
}
