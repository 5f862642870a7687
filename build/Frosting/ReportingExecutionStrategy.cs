using System.Collections.Concurrent;
using Cake.Core;
using Cake.Core.Diagnostics;

namespace Cake.Frosting;

/// <summary>
/// Cake's default strategy, plus saying why a task was skipped.
/// </summary>
internal sealed class ReportingExecutionStrategy(ICakeLog log, ICakeReportPrinter printer) : IExecutionStrategy
{
    private readonly DefaultExecutionStrategy _inner = new(log, printer);

    public ConcurrentDictionary<string, string> SkipReasonsByTask { get; } = new(StringComparer.OrdinalIgnoreCase);

    public void PerformSetup(Action<ISetupContext> action, ISetupContext context) => _inner.PerformSetup(action, context);

    public void PerformTeardown(Action<ITeardownContext> action, ITeardownContext teardownContext) =>
        _inner.PerformTeardown(action, teardownContext);

    public Task ExecuteAsync(CakeTask task, ICakeContext context) => _inner.ExecuteAsync(task, context);

    public void Skip(CakeTask task, CakeTaskCriteria criteria)
    {
        _inner.Skip(task, criteria);
        var reason = SkipReasonsByTask.GetValueOrDefault(task.Name) ?? criteria.Message ?? "its ShouldRun returned false";
        log.Information("Skipping task '{0}': {1}", task.Name, reason);
    }

    public Task ReportErrorsAsync(Func<Exception, Task> action, Exception exception) =>
        _inner.ReportErrorsAsync(action, exception);

    public Task HandleErrorsAsync(Func<Exception, ICakeContext, Task> action, Exception exception, ICakeContext context) =>
        _inner.HandleErrorsAsync(action, exception, context);

    public Task InvokeFinallyAsync(Func<ICakeContext, Task> action, ICakeContext context) =>
        _inner.InvokeFinallyAsync(action, context);

    public void PerformTaskSetup(Action<ITaskSetupContext> action, ITaskSetupContext taskSetupContext) =>
        _inner.PerformTaskSetup(action, taskSetupContext);

    public void PerformTaskTeardown(Action<ITaskTeardownContext> action, ITaskTeardownContext taskTeardownContext) =>
        _inner.PerformTaskTeardown(action, taskTeardownContext);
}
