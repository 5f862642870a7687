using System.Collections.Concurrent;
using TikTimer.Delivery.Aws.Ecs;
using TikTimer.Delivery.Aws.Logs;
using TikTimer.Delivery.Migrations;
using TikTimer.Delivery.Reporting;
using TikTimer.Delivery.Validation;

namespace TikTimer.Delivery.Aws.Platform;

/// <summary>
/// The migration as a one-off ECS task: a new revision of the family with the pushed
/// image, RunTask in the VPC, DescribeTasks, StopTask, and the container's CloudWatch stream.
/// </summary>
/// <remarks>
/// Safe for the runner's concurrent log reads and describes: what it remembers per task
/// (log stream, whether it was seen running) is kept in concurrent maps.
/// </remarks>
public sealed class EcsOneOffTaskPlatform : IOneOffTaskPlatform
{
    private const string Step = "MigrateViaEcs";
    private const int MaxReasonLength = 255;
    private const int DescribeBatch = 100;

    private readonly IEcsApi _ecs;
    private readonly CloudWatchLogsRegions _logs;
    private readonly EcsOneOffTaskOptions _options;
    private readonly IDeliveryLog _log;
    private readonly EcsMigrationTaskDefinition _definitions;
    private readonly ConcurrentDictionary<string, LogSource> _logSources = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _seenRunning = new(StringComparer.Ordinal);

    public EcsOneOffTaskPlatform(IEcsApi ecs, CloudWatchLogsRegions logs, EcsOneOffTaskOptions options, IDeliveryLog log)
    {
        _ecs = ecs ?? throw new ArgumentNullException(nameof(ecs));
        _logs = logs ?? throw new ArgumentNullException(nameof(logs));
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _log = log ?? throw new ArgumentNullException(nameof(log));
        OptionProblems.ThrowIfAny(options.Problems(), Step, "migration task settings");

        _definitions = new EcsMigrationTaskDefinition(ecs, log, options.Region);
    }

    /// <summary>Reads logs in <see cref="EcsOneOffTaskOptions.Region"/> only.</summary>
    public EcsOneOffTaskPlatform(IEcsApi ecs, ICloudWatchLogsApi logs, EcsOneOffTaskOptions options, IDeliveryLog log)
        : this(ecs, new CloudWatchLogsRegions(logs, options?.Region ?? string.Empty), options!, log)
    {
    }

    public async Task<OneOffTaskHandle> StartAsync(OneOffTaskSpec spec, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var definition = await _definitions.RegisterAsync(spec.Family, _options.ContainerName, spec.Image, cancellationToken).ConfigureAwait(false);
        var name = ImageRevisions.Name(definition);

        var response = await _ecs.RunTaskAsync(RunTaskRequest(spec, definition), cancellationToken).ConfigureAwait(false);
        if (response.Failures.Count > 0)
        {
            var failures = string.Join("; ", response.Failures.Select(f => $"{f.Arn ?? "(no arn)"}: {f.Reason ?? "no reason"}{(string.IsNullOrEmpty(f.Detail) ? string.Empty : $" ({f.Detail})")}"));
            throw new DeliveryException(
                $"{Step}: ECS could not start a task of {name} on cluster '{_options.Cluster}': {failures}. "
                + "Check the cluster's capacity, the subnets and security groups, and the launch type or capacity provider.");
        }

        var task = response.Tasks.FirstOrDefault(t => t.TaskArn is not null)
            ?? throw new DeliveryException($"{Step}: RunTask of {name} on cluster '{_options.Cluster}' returned neither a task nor a failure; check the cluster in the ECS console.");

        var handle = Handle(task.TaskArn!, task.TaskId!, name) with { CreatedAt = task.CreatedAt };
        var (location, problem) = AwsLogsLocation.Find(definition, _options.ContainerName, task.TaskId!);
        _logSources[handle.Id] = new LogSource(location, problem);
        _log.Verbose($"{Step}: task {task.TaskArn} is {task.LastStatus}; its logs: {location?.ToString() ?? problem}.");
        return handle;
    }

    public async Task<OneOffTaskState> DescribeAsync(OneOffTaskHandle task, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(task);
        var described = await DescribeOneAsync(task, cancellationToken).ConfigureAwait(false);
        var seen = described.LastStatus == "RUNNING" || _seenRunning.ContainsKey(task.Id);
        if (seen)
        {
            _seenRunning[task.Id] = true;
        }

        return EcsTaskStates.ToState(described, _options.ContainerName, seen);
    }

    public async Task StopAsync(OneOffTaskHandle task, string reason, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(task);
        var request = new StopTaskRequest(_options.Cluster, task.Id) { Reason = reason.Length <= MaxReasonLength ? reason : reason[..MaxReasonLength] };
        try
        {
            await _ecs.StopTaskAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (AwsServiceException error) when (error.ErrorCode == "InvalidParameterException" && error.AwsMessage.Contains("not found", StringComparison.OrdinalIgnoreCase))
        {
            // ECS forgets stopped tasks after a while; a task it no longer knows is not running.
            _log.Verbose($"{Step}: task {task.DisplayName} is already gone: {error.AwsMessage}");
        }
    }

    public async Task<LogBatch> ReadLogsAsync(OneOffTaskHandle task, LogCursor? after, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(task);
        if (!_logSources.TryGetValue(task.Id, out var source))
        {
            source = await FindLogSourceAsync(task, cancellationToken).ConfigureAwait(false);
            _logSources[task.Id] = source;
        }

        // A container that does not log to CloudWatch is reported by the follower (once), not fatal.
        var location = source.Location ?? throw new DeliveryException(source.Problem!);
        LogEventsPage page;
        try
        {
            page = await _logs.For(location.Region).ReadForwardAsync(location.Group, location.Stream, after?.Value, cancellationToken).ConfigureAwait(false);
        }
        catch (AwsServiceException error) when (error.ErrorCode == "ResourceNotFoundException")
        {
            // The stream appears when the container writes its first line; the group may not exist yet either.
            return LogBatch.Empty(after);
        }

        var lines = page.Events.Select(e => new LogLine(e.Time, e.Message.TrimEnd('\r', '\n'))).ToList();
        return new LogBatch(lines, page.NextForwardToken is { } token ? new LogCursor(token) : after);
    }

    public async Task<IReadOnlyList<OneOffTaskHandle>> FindActiveAsync(string family, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(family);

        // desiredStatus RUNNING covers PENDING tasks too: it is where they are headed.
        var arns = await _ecs.ListAllTaskArnsAsync(
            new ListTasksRequest(_options.Cluster) { Family = family, DesiredStatus = "RUNNING" },
            cancellationToken).ToListAsync(cancellationToken).ConfigureAwait(false);

        var active = new List<OneOffTaskHandle>();
        foreach (var batch in arns.Chunk(DescribeBatch))
        {
            var described = await _ecs.DescribeTasksAsync(new DescribeTasksRequest(_options.Cluster, batch), cancellationToken).ConfigureAwait(false);
            active.AddRange(described.Tasks
                .Where(t => t.TaskArn is not null && IsOurs(t) && EcsTaskStates.Status(t.LastStatus) != OneOffTaskStatus.Stopped)
                .Select(t => Handle(t.TaskArn!, t.TaskId!, t.TaskDefinitionArn is null ? family : ImageRevisions.NameFromArn(t.TaskDefinitionArn)) with { CreatedAt = t.CreatedAt }));
        }

        return active;
    }

    /// <summary>Only other tasks are described: no DescribeTasks at all when ours is the only one listed.</summary>
    public async Task<IReadOnlyList<OneOffTaskHandle>> FindOtherActiveAsync(string family, OneOffTaskHandle ours, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ours);
        var arns = await _ecs.ListAllTaskArnsAsync(
            new ListTasksRequest(_options.Cluster) { Family = family, DesiredStatus = "RUNNING" },
            cancellationToken).ToListAsync(cancellationToken).ConfigureAwait(false);
        var others = arns.Where(a => a != ours.Id).ToList();
        var active = new List<OneOffTaskHandle>();
        foreach (var batch in others.Chunk(DescribeBatch))
        {
            var described = await _ecs.DescribeTasksAsync(new DescribeTasksRequest(_options.Cluster, batch), cancellationToken).ConfigureAwait(false);
            active.AddRange(described.Tasks
                .Where(t => t.TaskArn is not null && IsOurs(t) && EcsTaskStates.Status(t.LastStatus) != OneOffTaskStatus.Stopped)
                .Select(t => Handle(t.TaskArn!, t.TaskId!, t.TaskDefinitionArn is null ? family : ImageRevisions.NameFromArn(t.TaskDefinitionArn)) with { CreatedAt = t.CreatedAt }));
        }

        return active;
    }

    private static bool IsOurs(EcsTask task) =>
        task.StartedBy?.StartsWith(OneOffTaskSpec.SuiteMarker, StringComparison.Ordinal) == true;

    private RunTaskRequest RunTaskRequest(OneOffTaskSpec spec, TaskDefinition definition)
    {
        ContainerOverride? container = null;
        if (spec.Command is not null || spec.Environment.Count > 0)
        {
            container = new ContainerOverride(_options.ContainerName)
            {
                Command = spec.Command,
                Environment = spec.Environment.Count == 0 ? null : [.. spec.Environment.Select(e => new Ecs.KeyValuePair(e.Key, e.Value))],
            };
        }

        return new RunTaskRequest
        {
            Cluster = _options.Cluster,
            TaskDefinition = definition.TaskDefinitionArn ?? ImageRevisions.Name(definition),
            Count = 1,
            LaunchType = _options.UsesCapacityProvider ? null : _options.LaunchType,
            CapacityProviderStrategy = _options.UsesCapacityProvider ? [new CapacityProviderStrategyItem(_options.CapacityProvider!) { Weight = 1 }] : null,
            PlatformVersion = _options.IsFargate ? _options.PlatformVersion : null,
            NetworkConfiguration = new NetworkConfiguration(new AwsVpcConfiguration(_options.Subnets)
            {
                SecurityGroups = _options.SecurityGroups.Count == 0 ? null : _options.SecurityGroups,
                AssignPublicIp = _options.AssignPublicIp ? "ENABLED" : "DISABLED",
            }),
            Overrides = container is null ? null : new TaskOverride { ContainerOverrides = [container] },
            StartedBy = spec.StartedBy,
            PropagateTags = _options.PropagateTags,
            Tags = _options.Tags.Count == 0 ? null : _options.Tags,
        };
    }

    private OneOffTaskHandle Handle(string arn, string taskId, string definitionName) =>
        new(
            arn,
            $"{taskId} ({definitionName})",
            $"aws ecs stop-task --region {_options.Region} --cluster {_options.Cluster} --task {arn} --reason \"stopped by hand\"");

    private async Task<EcsTask> DescribeOneAsync(OneOffTaskHandle task, CancellationToken cancellationToken)
    {
        var response = await _ecs.DescribeTasksAsync(new DescribeTasksRequest(_options.Cluster, [task.Id]), cancellationToken).ConfigureAwait(false);
        var found = response.Tasks.FirstOrDefault(t => string.Equals(t.TaskArn, task.Id, StringComparison.Ordinal))
            ?? response.Tasks.FirstOrDefault(t => t.TaskId is not null && task.Id.EndsWith(t.TaskId, StringComparison.Ordinal));
        if (found is not null)
        {
            return found;
        }

        var failure = response.Failures.FirstOrDefault();
        var why = failure is null ? "it is not in the answer" : $"{failure.Reason}{(string.IsNullOrEmpty(failure.Detail) ? string.Empty : $": {failure.Detail}")}";
        throw new DeliveryException(
            $"{Step}: ECS does not know task {task.Id} on cluster '{_options.Cluster}' ({why}). "
            + "ECS forgets stopped tasks after about an hour; check the cluster and region, and the task in the ECS console.");
    }

    private async Task<LogSource> FindLogSourceAsync(OneOffTaskHandle task, CancellationToken cancellationToken)
    {
        // A task this object did not start (found by the guard): its definition says where it logs.
        var described = await DescribeOneAsync(task, cancellationToken).ConfigureAwait(false);
        var definition = await _ecs.DescribeTaskDefinitionAsync(
            new DescribeTaskDefinitionRequest(described.TaskDefinitionArn!) { Include = null }, cancellationToken).ConfigureAwait(false);
        var (location, problem) = AwsLogsLocation.Find(definition.TaskDefinition, _options.ContainerName, described.TaskId!);
        return new LogSource(location, problem);
    }

    private sealed record LogSource(AwsLogsLocation? Location, string? Problem);
}
