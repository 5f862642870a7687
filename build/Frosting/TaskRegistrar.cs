using System.Reflection;
using System.Runtime.ExceptionServices;
using Cake.Core;

namespace Cake.Frosting;

/// <summary>Turns task classes into tasks of the real Cake engine.</summary>
internal static class TaskRegistrar
{
    public static IReadOnlyList<Type> FindTaskTypes(IEnumerable<Assembly> assemblies) =>
        [.. assemblies
            .SelectMany(a => a.GetExportedTypes())
            .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IFrostingTask).IsAssignableFrom(t))
            .OrderBy(t => t.FullName, StringComparer.Ordinal)];

    public static string NameOf(Type taskType) =>
        taskType.GetCustomAttribute<TaskNameAttribute>()?.Name ?? taskType.Name;

    public static void Register(
        ICakeEngine engine,
        IReadOnlyList<Type> taskTypes,
        Func<Type, IFrostingTask> createTask,
        ReportingExecutionStrategy? strategy)
    {
        var known = taskTypes.ToHashSet();
        foreach (var type in taskTypes)
        {
            var name = NameOf(type);
            var builder = engine.RegisterTask(name);
            var description = type.GetCustomAttribute<TaskDescriptionAttribute>()?.Description;
            if (description is not null)
            {
                builder.Description(description);
            }

            foreach (var dependency in type.GetCustomAttributes<IsDependentOnAttribute>())
            {
                builder.IsDependentOn(NameOfKnown(dependency.Task, type, known));
            }

            foreach (var dependee in type.GetCustomAttributes<IsDependeeOfAttribute>())
            {
                builder.IsDependeeOf(NameOfKnown(dependee.Task, type, known));
            }

            // Tasks are created lazily: --tree, --help and --description never
            // construct one, and each run gets its own instance.
            IFrostingTask? instance = null;
            IFrostingTask Task() => instance ??= createTask(type);

            if (Overrides(type, nameof(IFrostingTask.ShouldRun)))
            {
                builder.WithCriteria(ctx =>
                {
                    // The engine's criteria message is fixed at registration, before any
                    // task exists, so the task's own message is handed to the strategy here.
                    var shouldRun = Task().ShouldRun(ctx);
                    if (!shouldRun && Task().SkippedMessage is { Length: > 0 } reason && strategy is not null)
                    {
                        strategy.SkipReasonsByTask[name] = reason;
                    }

                    return shouldRun;
                });
            }

            builder.Does(ctx => Task().RunAsync(ctx));

            if (Overrides(type, nameof(IFrostingTask.OnError)))
            {
                var recovers = type.GetCustomAttribute<ContinueOnErrorAttribute>() is not null;
                builder.OnError((exception, ctx) =>
                {
                    Task().OnError(exception, ctx);
                    if (!recovers)
                    {
                        // Cake swallows an exception once a handler exists; a
                        // handler that only observes must not turn failure into success.
                        ExceptionDispatchInfo.Capture(exception).Throw();
                    }
                });
            }

            if (Overrides(type, nameof(IFrostingTask.Finally)))
            {
                builder.Finally(ctx => Task().Finally(ctx));
            }
        }
    }

    private static string NameOfKnown(Type dependency, Type declaringTask, HashSet<Type> known)
    {
        if (!known.Contains(dependency))
        {
            throw new InvalidOperationException(
                $"Task '{NameOf(declaringTask)}' refers to '{dependency.Name}', which is not a task of this build.");
        }

        return NameOf(dependency);
    }

    private static bool Overrides(Type type, string method)
    {
        for (var current = type; current is not null && current != typeof(object); current = current.BaseType)
        {
            if (current.IsGenericType &&
                (current.GetGenericTypeDefinition() == typeof(FrostingTask<>) ||
                 current.GetGenericTypeDefinition() == typeof(AsyncFrostingTask<>)))
            {
                return false;
            }

            var declared = current.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
                .Any(m => m.Name == method && m.GetBaseDefinition().DeclaringType != current);
            if (declared)
            {
                return true;
            }
        }

        return false;
    }
}
