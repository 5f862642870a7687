using TikTimer.Delivery.Aws;
using TikTimer.Delivery.Aws.Ecr;
using TikTimer.Delivery.Aws.Ecs;
using TikTimer.Delivery.Configuration;
using TikTimer.Delivery.Reporting;
using TikTimer.Delivery.Validation;

namespace TikTimer.Delivery.Aws.Platform;

/// <summary>
/// Read-only checks of the AWS resources the chain will touch, so a wrong cluster, service,
/// family, repository, subnet, security group, log group or load balancer name fails in
/// seconds, all of them together, before anything is built, pushed or registered.
/// </summary>
internal static class AwsPreflight
{
    public static IEnumerable<IPrerequisiteCheck> Checks(AwsClients clients, CloudWatchLogsRegions logs, DeliverySettings settings, IDeliveryLog log)
    {
        var identityKnown = false;
        yield return new DelegateCheck("AWS credentials resolve and STS GetCallerIdentity answers", async ct =>
        {
            var problem = await Guard(() => IdentityAsync(clients, settings, log, ct)).ConfigureAwait(false);
            identityKnown = problem is null;
            return problem;
        });

        // Needs no AWS call, so it is worth reporting beside a credentials problem.
        if (settings.SmokeBaseUrl is { } smoke)
        {
            yield return new DelegateCheck(
                $"the smoke URL's host '{smoke.Host}' resolves",
                ct => new SmokeHostCheck(settings).CheckAsync(ct));
        }

        // The validator runs each check before asking for the next, so the
        // resource checks are only listed when they can say something
        // other than the credentials problem already reported.
        if (!identityKnown)
        {
            yield break;
        }

        yield return new DelegateCheck(
            $"ECS cluster '{settings.Cluster}' has the service(s) {string.Join(", ", settings.Services)}",
            ct => Guard(() => ServicesAsync(clients.Ecs, settings, ct)));
        yield return new DelegateCheck(
            $"migration task definition family '{settings.MigrationTaskFamily}' has an active revision with container '{settings.MigrationContainerName}'",
            ct => Guard(() => MigrationFamilyAsync(clients.Ecs, settings, ct)));
        yield return new DelegateCheck(
            $"ECR repository '{settings.Repository}' exists{(settings.CreateRepository ? " or may be created" : string.Empty)}",
            ct => Guard(() => RepositoryAsync(clients.Ecr, settings, ct)));

        // The migration's network and logs, and the smoke URL: what would otherwise fail only
        // after the push and the new revisions (RunTask, the task's start, SmokeTest).
        var network = new AwsNetworkCheck(clients.Ec2, settings, clients.Region);
        if (settings.Subnets.Count > 0)
        {
            yield return new DelegateCheck(
                $"subnet(s) {string.Join(", ", settings.Subnets)} exist in {clients.Region}, in one VPC",
                ct => Guard(() => network.SubnetsAsync(ct)));
        }

        if (settings.SecurityGroups.Count > 0)
        {
            yield return new DelegateCheck(
                $"security group(s) {string.Join(", ", settings.SecurityGroups)} exist in {clients.Region}, in the subnets' VPC",
                ct => Guard(() => network.SecurityGroupsAsync(ct)));
        }

        if (settings.MigrationTaskFamily is not null || settings.Services.Count > 0)
        {
            yield return new DelegateCheck(
                "the CloudWatch log groups the task definitions log to exist",
                ct => Guard(() => new AwsLogGroupCheck(clients.Ecs, logs, settings, clients.Region).CheckAsync(ct)));
        }
    }

    private static async Task<string?> IdentityAsync(AwsClients clients, DeliverySettings settings, IDeliveryLog log, CancellationToken cancellationToken)
    {
        var identity = await clients.Sts.GetCallerIdentityAsync(cancellationToken).ConfigureAwait(false);
        log.Information($"  AWS identity: {identity.Arn} (account {identity.Account}, region {clients.Region})");
        var expected = settings.ExpectedAccountId;
        return expected is not null && expected != identity.Account
            ? $"the credentials belong to account {identity.Account}, but expected-account-id is {expected}. Use the right profile (AWS_PROFILE) or role, or fix expected-account-id."
            : null;
    }

    private static async Task<string?> ServicesAsync(IEcsApi ecs, DeliverySettings settings, CancellationToken cancellationToken)
    {
        var response = await ecs.DescribeServicesAsync(new DescribeServicesRequest(settings.Cluster!, settings.Services), cancellationToken).ConfigureAwait(false);
        var problems = response.Failures.Select(f => $"{Name(f.Arn)}: {f.Reason}")
            .Concat(response.Services.Where(s => s.Status != "ACTIVE").Select(s => $"{s.ServiceName}: {s.Status}"))
            .ToList();
        return problems.Count == 0
            ? null
            : $"in cluster '{settings.Cluster}': {string.Join("; ", problems)}. Fix --services (Terraform output ecs_service_names) or create the service first.";
    }

    private static async Task<string?> MigrationFamilyAsync(IEcsApi ecs, DeliverySettings settings, CancellationToken cancellationToken)
    {
        try
        {
            var current = await ecs.DescribeTaskDefinitionAsync(new DescribeTaskDefinitionRequest(settings.MigrationTaskFamily!), cancellationToken).ConfigureAwait(false);
            return current.TaskDefinition.Container(settings.MigrationContainerName) is null
                ? $"its current revision has no container '{settings.MigrationContainerName}' (it has {string.Join(", ", current.TaskDefinition.ContainerDefinitions.Select(c => c.Name))}). Set --migration-container-name."
                : null;
        }
        catch (AwsServiceException ex) when (ex.ErrorCode is "ClientException" or "InvalidParameterException")
        {
            return $"it has no active revision ({ex.AwsMessage}). Check MIGRATION_TASK_FAMILY, or create the task definition with Terraform first.";
        }
    }

    private static async Task<string?> RepositoryAsync(IEcrApi ecr, DeliverySettings settings, CancellationToken cancellationToken)
    {
        try
        {
            await ecr.DescribeRepositoriesAsync(new DescribeRepositoriesRequest { RepositoryNames = [settings.Repository] }, cancellationToken).ConfigureAwait(false);
            return null;
        }
        catch (AwsServiceException ex) when (ex.ErrorCode == "RepositoryNotFoundException")
        {
            return settings.CreateRepository
                ? null
                : $"it does not exist in {settings.Region}. Create it (Terraform), or let PushToEcr create it with --create-repository=true.";
        }
    }

    // Every AWS failure (credentials, throttling, a wrong endpoint) is this
    // check's problem to report, not a crash that hides the other checks.
    private static async Task<string?> Guard(Func<Task<string?>> check)
    {
        try
        {
            return await check().ConfigureAwait(false);
        }
        catch (DeliveryException ex)
        {
            return ex.Message;
        }
    }

    private static string Name(string? arn) => arn is null ? "(unknown)" : arn[(arn.LastIndexOf('/') + 1)..];
}
