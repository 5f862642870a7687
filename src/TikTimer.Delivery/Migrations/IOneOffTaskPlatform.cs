namespace TikTimer.Delivery.Migrations;

/// <summary>
/// What a platform must do to run a one-off task (the migration): ECS RunTask
/// on aws, a container on local. The waiting, judging and log following are
/// written once on top of this, in <see cref="MigrationRunner"/>.
/// </summary>
/// <remarks>
/// Implementations translate their own errors into <see cref="DeliveryException"/>
/// (naming the operation and the resource) and honour the cancellation token.
/// </remarks>
public interface IOneOffTaskPlatform
{
    /// <summary>
    /// Starts the task, tagged as started by this suite (<see cref="OneOffTaskSpec.StartedBy"/>).
    /// A platform that reports a failure to place the task (ECS <c>failures[]</c>) throws.
    /// </summary>
    Task<OneOffTaskHandle> StartAsync(OneOffTaskSpec spec, CancellationToken cancellationToken);

    Task<OneOffTaskState> DescribeAsync(OneOffTaskHandle task, CancellationToken cancellationToken);

    /// <summary>Asks the task to stop; stopping an already stopped task is not an error.</summary>
    Task StopAsync(OneOffTaskHandle task, string reason, CancellationToken cancellationToken);

    /// <summary>
    /// Reads log lines after <paramref name="after"/> (from the start when null), oldest first.
    /// Contract: a batch never repeats a line returned before the cursor it was given;
    /// when there is nothing (yet), returns no lines and a cursor to ask again with
    /// (the same one, or null if nothing was ever read).
    /// </summary>
    Task<LogBatch> ReadLogsAsync(OneOffTaskHandle task, LogCursor? after, CancellationToken cancellationToken);

    /// <summary>
    /// Tasks of <paramref name="family"/> started by this suite that are still pending or
    /// running: the concurrency guard refuses to start a second migration beside them.
    /// </summary>
    Task<IReadOnlyList<OneOffTaskHandle>> FindActiveAsync(string family, CancellationToken cancellationToken);

    /// <summary>
    /// Like <see cref="FindActiveAsync"/>, without <paramref name="ours"/>, each with its creation
    /// time: what a just-started task checks to find a twin that started with it.
    /// </summary>
    async Task<IReadOnlyList<OneOffTaskHandle>> FindOtherActiveAsync(string family, OneOffTaskHandle ours, CancellationToken cancellationToken) =>
        [.. (await FindActiveAsync(family, cancellationToken).ConfigureAwait(false)).Where(t => t.Id != ours.Id)];
}
