namespace TikTimer.Delivery.Configuration;

/// <summary>The chain's tasks, by the names the build host gives them; a setting says which read it.</summary>
[Flags]
public enum DeliveryTask
{
    None = 0,
    Validate = 1,
    BuildImage = 2,
    PushToEcr = 4,
    MigrateViaEcs = 8,
    Deploy = 16,
    SmokeTest = 32,

    /// <summary>Validate -> BuildImage -> PushToEcr -> MigrateViaEcs -> Deploy -> SmokeTest.</summary>
    Chain = Validate | BuildImage | PushToEcr | MigrateViaEcs | Deploy | SmokeTest,
}

public static class DeliveryTasks
{
    /// <summary>The Plan target's name: it reads what every chain task would use.</summary>
    public const string PlanTarget = "Plan";

    /// <summary>The chain in the order it runs, for messages and the help text.</summary>
    public static IReadOnlyList<DeliveryTask> InOrder { get; } =
        [DeliveryTask.Validate, DeliveryTask.BuildImage, DeliveryTask.PushToEcr, DeliveryTask.MigrateViaEcs, DeliveryTask.Deploy, DeliveryTask.SmokeTest];

    /// <summary>
    /// The tasks whose settings a run must have, from the names of the tasks
    /// it will run (what <c>--dryrun</c> lists). Validate alone stands for the
    /// whole chain: it is how a user asks "is everything the chain needs set?".
    /// Plan also stands for the whole chain: it shows what each of its tasks would do.
    /// Names that are not chain tasks (aggregates such as Default) need nothing.
    /// </summary>
    public static DeliveryTask ToCheck(IEnumerable<string>? taskNames)
    {
        if (taskNames is null)
        {
            return DeliveryTask.Chain;
        }

        var tasks = DeliveryTask.None;
        foreach (var name in taskNames)
        {
            if (string.Equals(name, PlanTarget, StringComparison.OrdinalIgnoreCase))
            {
                return DeliveryTask.Chain;
            }

            if (Enum.TryParse<DeliveryTask>(name, ignoreCase: true, out var task) && InOrder.Contains(task))
            {
                tasks |= task;
            }
        }

        return tasks == DeliveryTask.Validate ? DeliveryTask.Chain : tasks;
    }

    /// <summary>"MigrateViaEcs and Deploy", in chain order.</summary>
    public static string Describe(DeliveryTask tasks)
    {
        var names = InOrder.Where(t => tasks.HasFlag(t)).Select(t => t.ToString()).ToList();
        return names.Count switch
        {
            0 => "no task",
            1 => names[0],
            _ => string.Join(", ", names[..^1]) + " and " + names[^1],
        };
    }
}
