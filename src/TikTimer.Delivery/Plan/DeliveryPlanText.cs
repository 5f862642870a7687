namespace TikTimer.Delivery.Plan;

/// <summary>The plan for people: the image, one diff per revision (as ecspresso diff prints it), the migrations, the settings.</summary>
public static class DeliveryPlanText
{
    public static IEnumerable<string> Lines(DeliveryPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        yield return $"Plan for environment '{plan.Environment}' on the {plan.Platform} platform (nothing was changed):";
        yield return $"  image: {plan.Image.Action switch { ImageAction.Reuse => "reused", ImageAction.Build => "to be built and pushed", _ => "given" }}: {plan.Image.Reference}";
        yield return $"    {plan.Image.Reason}{(plan.Image.Commit is null ? string.Empty : $" (commit {plan.Image.Commit})")}";
        foreach (var revision in plan.Revisions)
        {
            var what = revision.Kind == RevisionKind.Service ? $"service {revision.Name}" : $"migration {revision.Name}";
            if (!revision.Changes)
            {
                yield return $"  {what}: no change, {revision.Current} already runs this image";
                continue;
            }

            yield return $"  {what}: would register {revision.Next}{(revision.Current is null ? " (nothing serves yet)" : $" (now {revision.Current})")}";
            foreach (var line in revision.Diff)
            {
                yield return "    " + line;
            }
        }

        var migrations = plan.Migrations;
        yield return $"  pending migrations: {migrations.Note}";
        foreach (var line in migrations.Output)
        {
            yield return "    | " + line;
        }

        yield return "  settings (highest precedence wins):";
        var width = plan.Settings.Count == 0 ? 0 : plan.Settings.Max(s => s.Key.Length);
        foreach (var setting in plan.Settings)
        {
            yield return $"    {setting.Key.PadRight(width)}  {setting.Value}  ({setting.Source})";
        }

        yield return plan.HasChanges
            ? "A delivery (./build.sh) would make these changes; Plan made none."
            : "No changes: a delivery would build, push and register nothing.";
    }
}
