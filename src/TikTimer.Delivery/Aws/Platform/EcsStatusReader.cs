using TikTimer.Delivery.Aws.Ecs;
using TikTimer.Delivery.Status;

namespace TikTimer.Delivery.Aws.Platform;

/// <summary>
/// <see cref="IDeliveryStatusReader"/> on ECS: the service's PRIMARY deployment and its task
/// definition's image, and the family's newest task (ECS keeps stopped tasks for about an hour).
/// </summary>
/// <remarks>The commit is not read from ECR (that needs the image's config blob); Status takes it from the delivery record of that digest.</remarks>
public sealed class EcsStatusReader(IEcsApi ecs, string cluster, string containerName, string migrationContainerName) : IDeliveryStatusReader
{
    private const string Step = "Status";

    public async Task<ServiceStatus> ServiceAsync(string service, CancellationToken cancellationToken)
    {
        var described = await ecs.DescribeServicesAsync(new DescribeServicesRequest(cluster, [service]), cancellationToken).ConfigureAwait(false);
        var found = described.Services.FirstOrDefault(s => s.Status != "INACTIVE")
            ?? throw new DeliveryException($"{Step}: service {service} was not found in cluster {cluster}. Check --services and --cluster.");
        var primary = found.Deployments.FirstOrDefault(d => d.Status == "PRIMARY");
        var revision = primary?.TaskDefinition ?? found.TaskDefinition;
        var inProgress = found.Deployments
            .Where(d => d.RolloutState == "IN_PROGRESS" || d.Status == "ACTIVE")
            .Select(d => $"{d.Id} {d.Status} {d.RolloutState} on {d.TaskDefinition}: {d.RunningCount}/{d.DesiredCount} running")
            .ToList();
        string? image = null;
        if (revision is not null)
        {
            var definition = await ecs.DescribeTaskDefinitionAsync(new DescribeTaskDefinitionRequest(revision), cancellationToken).ConfigureAwait(false);
            image = (definition.TaskDefinition.Container(containerName) ?? definition.TaskDefinition.ContainerDefinitions.FirstOrDefault())?.Image;
        }

        return new ServiceStatus(service, revision, image, null, found.RunningCount, found.DesiredCount, inProgress);
    }

    public async Task<string> ImageOfRevisionAsync(string service, string revision, CancellationToken cancellationToken)
    {
        if (!int.TryParse(revision, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number) || number < 1)
        {
            throw new DeliveryException($"Rollback: --to-revision={revision} is not a revision number; give e.g. --to-revision=12.");
        }

        var current = await ServiceAsync(service, cancellationToken).ConfigureAwait(false);
        var family = FamilyOf(current.Revision)
            ?? throw new DeliveryException($"Rollback: service {service} has no task definition to find revision {revision} of.");
        DescribeTaskDefinitionResponse described;
        try
        {
            described = await ecs.DescribeTaskDefinitionAsync(new DescribeTaskDefinitionRequest($"{family}:{number}"), cancellationToken).ConfigureAwait(false);
        }
        catch (AwsServiceException error) when (error.ErrorCode is "ClientException" or "InvalidParameterException")
        {
            throw new DeliveryException($"Rollback: task definition {family}:{number} of service {service} was not found ({error.AwsMessage}). Status names the revision serving; pick an earlier one that exists.", error);
        }

        return described.TaskDefinition.Container(containerName)?.Image
            ?? throw new DeliveryException($"Rollback: task definition {family}:{number} has no container {containerName}. Check --container-name.");
    }

    // arn:aws:ecs:region:account:task-definition/family:12 -> family
    private static string? FamilyOf(string? taskDefinitionArn)
    {
        if (taskDefinitionArn is null)
        {
            return null;
        }

        var name = taskDefinitionArn[(taskDefinitionArn.LastIndexOf('/') + 1)..];
        var colon = name.LastIndexOf(':');
        return colon > 0 ? name[..colon] : name;
    }

    public async Task<OneOffTaskRun?> LastOneOffTaskAsync(string family, CancellationToken cancellationToken)
    {
        var arns = new List<string>();
        foreach (var desired in new[] { "RUNNING", "STOPPED" })
        {
            var listed = await ecs.ListTasksAsync(new ListTasksRequest(cluster) { Family = family, DesiredStatus = desired, MaxResults = 100 }, cancellationToken).ConfigureAwait(false);
            arns.AddRange(listed.TaskArns);
        }

        if (arns.Count == 0)
        {
            return null;
        }

        var tasks = await ecs.DescribeTasksAsync(new DescribeTasksRequest(cluster, [.. arns.Take(100)]), cancellationToken).ConfigureAwait(false);
        var newest = tasks.Tasks.OrderByDescending(t => t.CreatedAt ?? DateTimeOffset.MinValue).FirstOrDefault();
        if (newest is null)
        {
            return null;
        }

        var container = newest.Containers.FirstOrDefault(c => c.Name == migrationContainerName) ?? newest.Containers.FirstOrDefault();
        return new OneOffTaskRun(newest.TaskArn ?? "(unknown task)", container?.Image ?? "(unknown image)", newest.LastStatus ?? "UNKNOWN", container?.ExitCode, newest.StoppedAt ?? newest.StartedAt ?? newest.CreatedAt);
    }
}
