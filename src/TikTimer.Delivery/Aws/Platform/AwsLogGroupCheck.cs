using TikTimer.Delivery.Aws.Ecs;
using TikTimer.Delivery.Aws.Logs;
using TikTimer.Delivery.Configuration;

namespace TikTimer.Delivery.Aws.Platform;

/// <summary>
/// The CloudWatch log groups the migration's and the services' current task definitions log
/// to (awslogs-group, in awslogs-region) exist. Without one, Fargate stops the task before it
/// runs (ResourceInitializationError), after the push and the new revisions.
/// </summary>
internal sealed class AwsLogGroupCheck(IEcsApi ecs, CloudWatchLogsRegions logs, DeliverySettings settings, string region)
{
    // Each page holds up to 50 groups; a prefix shared by more than this is not a log group name anyone means.
    private const int MaxPages = 20;

    public async Task<string?> CheckAsync(CancellationToken cancellationToken)
    {
        var problems = new List<string>();
        foreach (var group in await LogGroupsAsync(cancellationToken).ConfigureAwait(false))
        {
            if (!await ExistsAsync(group.Name, group.Region, cancellationToken).ConfigureAwait(false))
            {
                problems.Add($"log group '{group.Name}' does not exist in {group.Region} (awslogs-group of {string.Join(", ", group.Users)})");
            }
        }

        return problems.Count == 0
            ? null
            : string.Join("; ", problems) + ". Tasks that log to a missing group fail to start (ResourceInitializationError). "
              + "Create it (infra/ creates /ecs/TikTimer-<environment> with aws_cloudwatch_log_group), or set awslogs-create-group=true in the task definition's logConfiguration.";
    }

    /// <summary>The groups the task definitions write to, each with the containers that use it.</summary>
    private async Task<IReadOnlyList<(string Name, string Region, IReadOnlyList<string> Users)>> LogGroupsAsync(CancellationToken cancellationToken)
    {
        var uses = new List<(string Name, string Region, string User)>();
        foreach (var definition in await DefinitionsAsync(cancellationToken).ConfigureAwait(false))
        {
            foreach (var container in definition.ContainerDefinitions)
            {
                // ECS creates a group itself when asked to (the execution role then needs logs:CreateLogGroup).
                if (container.LogConfiguration is { IsAwsLogs: true, AwsLogsGroup: { Length: > 0 } group } log
                    && !string.Equals(log.Options.GetValueOrDefault("awslogs-create-group"), "true", StringComparison.OrdinalIgnoreCase))
                {
                    uses.Add((group, string.IsNullOrEmpty(log.AwsLogsRegion) ? region : log.AwsLogsRegion, $"container '{container.Name}' of {ImageRevisions.Name(definition)}"));
                }
            }
        }

        return [.. uses.GroupBy(u => (u.Name, u.Region)).Select(g => (g.Key.Name, g.Key.Region, (IReadOnlyList<string>)[.. g.Select(u => u.User).Distinct()]))];
    }

    // A family or service that does not exist is the other checks' to report; its log group is then unknown.
    private async Task<IReadOnlyList<TaskDefinition>> DefinitionsAsync(CancellationToken cancellationToken)
    {
        var names = new List<string>();
        if (settings.MigrationTaskFamily is { Length: > 0 } family)
        {
            names.Add(family);
        }

        if (settings.Cluster is { Length: > 0 } cluster && settings.Services.Count > 0)
        {
            var services = await ecs.DescribeServicesAsync(new DescribeServicesRequest(cluster, settings.Services), cancellationToken).ConfigureAwait(false);
            names.AddRange(services.Services.Select(s => s.TaskDefinition).OfType<string>());
        }

        var definitions = new List<TaskDefinition>();
        foreach (var name in names.Distinct(StringComparer.Ordinal))
        {
            try
            {
                definitions.Add((await ecs.DescribeTaskDefinitionAsync(new DescribeTaskDefinitionRequest(name), cancellationToken).ConfigureAwait(false)).TaskDefinition);
            }
            catch (AwsServiceException ex) when (ex.ErrorCode is "ClientException" or "InvalidParameterException")
            {
                // Reported by the migration family check.
            }
        }

        return definitions;
    }

    private async Task<bool> ExistsAsync(string name, string groupRegion, CancellationToken cancellationToken)
    {
        var client = logs.For(groupRegion);
        string? token = null;
        for (var page = 0; page < MaxPages; page++)
        {
            var response = await client.DescribeLogGroupsAsync(new DescribeLogGroupsRequest { LogGroupNamePrefix = name, NextToken = token }, cancellationToken).ConfigureAwait(false);
            if (response.LogGroups.Any(g => string.Equals(g.LogGroupName, name, StringComparison.Ordinal)))
            {
                return true;
            }

            if (string.IsNullOrEmpty(response.NextToken) || response.NextToken == token)
            {
                return false;
            }

            token = response.NextToken;
        }

        return false;
    }
}
