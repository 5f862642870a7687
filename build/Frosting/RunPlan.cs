using System.Reflection;

namespace Cake.Frosting;

/// <summary>
/// The tasks this run will execute, in order: the target and its dependencies,
/// or the target alone with --exclusive (the list --dryrun prints). Known
/// before the context is built, so settings can ask only for what those tasks use.
/// </summary>
public sealed class RunPlan(IReadOnlyList<string> tasks)
{
    public IReadOnlyList<string> Tasks { get; } = tasks;

    internal static RunPlan For(IReadOnlyList<Type> taskTypes, string target, bool exclusive)
    {
        var byName = taskTypes.ToDictionary(TaskRegistrar.NameOf, StringComparer.OrdinalIgnoreCase);
        if (!byName.TryGetValue(target, out var targetType))
        {
            return new RunPlan([]);
        }

        if (exclusive)
        {
            return new RunPlan([TaskRegistrar.NameOf(targetType)]);
        }

        var dependencies = taskTypes.ToDictionary(
            t => t,
            t => t.GetCustomAttributes<IsDependentOnAttribute>().Select(a => a.Task).ToList());
        foreach (var type in taskTypes)
        {
            foreach (var dependee in type.GetCustomAttributes<IsDependeeOfAttribute>())
            {
                if (dependencies.TryGetValue(dependee.Task, out var list))
                {
                    list.Add(type);
                }
            }
        }

        var ordered = new List<string>();
        var visited = new HashSet<Type>();
        void Visit(Type type)
        {
            if (!visited.Add(type))
            {
                return;
            }

            foreach (var dependency in dependencies.GetValueOrDefault(type) ?? [])
            {
                Visit(dependency);
            }

            ordered.Add(TaskRegistrar.NameOf(type));
        }

        Visit(targetType);
        return new RunPlan(ordered);
    }
}
