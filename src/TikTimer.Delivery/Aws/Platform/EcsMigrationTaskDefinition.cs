using TikTimer.Delivery.Aws.Ecs;
using TikTimer.Delivery.Reporting;

namespace TikTimer.Delivery.Aws.Platform;

/// <summary>
/// The migration's task definition: a new revision of the family's current one in which
/// only the migration container's image is the digest just pushed, so the migration runs
/// exactly the code about to be deployed (a moving tag would race) and never drifts from
/// what Terraform registered (roles, sizes, environment, secrets, logging, tags).
/// </summary>
public sealed class EcsMigrationTaskDefinition
{
    private readonly IEcsApi _ecs;
    private readonly IDeliveryLog _log;
    private readonly string _region;

    /// <param name="region">The ECS region, named when the family does not exist.</param>
    public EcsMigrationTaskDefinition(IEcsApi ecs, IDeliveryLog log, string region)
    {
        _ecs = ecs ?? throw new ArgumentNullException(nameof(ecs));
        _log = log ?? throw new ArgumentNullException(nameof(log));
        _region = region;
    }

    /// <summary>Registers the revision and returns it (its ARN is what RunTask takes).</summary>
    public async Task<TaskDefinition> RegisterAsync(string family, string containerName, string image, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(family);
        ArgumentException.ThrowIfNullOrWhiteSpace(containerName);
        ArgumentException.ThrowIfNullOrWhiteSpace(image);

        DescribeTaskDefinitionResponse current;
        try
        {
            // The family name alone names its latest ACTIVE revision.
            current = await _ecs.DescribeTaskDefinitionAsync(new DescribeTaskDefinitionRequest(family), cancellationToken).ConfigureAwait(false);
        }
        catch (AwsServiceException error) when (error.ErrorCode == "ClientException")
        {
            throw new DeliveryException(
                $"MigrateViaEcs: MIGRATION_TASK_FAMILY '{family}' has no active revision in {_region}; create it with Terraform first "
                + $"(or set --migration-task-family to an existing family). ECS said: {error.AwsMessage}",
                error);
        }

        return await ImageRevisions.RegisterAsync(_ecs, _log, current, containerName, image, cancellationToken).ConfigureAwait(false);
    }
}
