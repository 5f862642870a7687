using System.Numerics;

namespace TikTimer.Delivery.Configuration;

/// <summary>
/// The settings section of <c>--help</c> and the README's settings table, both
/// written from <see cref="SettingCatalog"/> so neither can drift from it.
/// </summary>
public static class SettingsHelp
{
    /// <summary>Settings grouped by the tasks that read them, in chain order.</summary>
    public static IEnumerable<string> Lines()
    {
        yield return string.Empty;
        yield return "Settings (--key=value, TIKTIMER_<KEY> in the environment, or \"key\" in deploy/<environment>.json;";
        yield return "highest first: command line, environment, file, Terraform outputs, default):";
        var width = SettingCatalog.All.Max(d => d.Key.Length) + 4;
        foreach (var group in Groups())
        {
            yield return string.Empty;
            yield return group.Key == DeliveryTask.Chain ? "  Several tasks:" : $"  {group.Key}:";
            foreach (var setting in group)
            {
                yield return $"    {("--" + setting.Key).PadRight(width)}{setting.Description}.";
                var facts = new List<string> { setting.Form };
                if (group.Key == DeliveryTask.Chain && setting.ReadBy != DeliveryTask.Chain)
                {
                    facts.Add("read by " + DeliveryTasks.Describe(setting.ReadBy));
                }
                else if (group.Key != DeliveryTask.Chain && setting.ReadBy != group.Key)
                {
                    facts.Add("also read by " + DeliveryTasks.Describe(setting.ReadBy & ~group.Key));
                }

                if (DefaultText(setting) is { } value)
                {
                    facts.Add("default " + value.Replace("`", string.Empty, StringComparison.Ordinal));
                }

                if (setting.Required is { } required)
                {
                    facts.Add($"required on {required.Platform.ToString().ToLowerInvariant()} by {DeliveryTasks.Describe(required.Tasks)}");
                }

                if (setting.ExtraEnvironmentVariables.Count > 0)
                {
                    facts.Add("also " + string.Join(", ", setting.ExtraEnvironmentVariables));
                }

                if (setting.TerraformOutputs.Count > 0)
                {
                    facts.Add("Terraform output " + string.Join(" / ", setting.TerraformOutputs));
                }

                if (setting.IsSecret)
                {
                    facts.Add("secret: give it in the environment, never printed");
                }

                yield return $"    {string.Empty.PadRight(width)}{string.Join("; ", facts)}";
            }
        }
    }

    /// <summary>The README's table (between its settings-table markers).</summary>
    public static string MarkdownTable()
    {
        var lines = new List<string>
        {
            "| key | value | default | also from | read by | what |",
            "|---|---|---|---|---|---|",
        };
        foreach (var setting in SettingCatalog.All)
        {
            var also = setting.ExtraEnvironmentVariables.Select(v => $"`{v}`")
                .Concat(setting.TerraformOutputs.Take(1).Select(o => $"Terraform `{o}`"));
            var required = setting.Required is { } r ? $" (required on {r.Platform.ToString().ToLowerInvariant()} by {DeliveryTasks.Describe(r.Tasks)})" : string.Empty;
            var defaultText = DefaultText(setting) is { } d ? (d.Contains('`', StringComparison.Ordinal) || d.Contains(' ', StringComparison.Ordinal) ? d : $"`{d}`") : string.Empty;
            var form = setting.Form.Contains('<', StringComparison.Ordinal) ? $"`{setting.Form}`" : setting.Form;
            lines.Add($"| `{setting.Key}` | {form} | {defaultText} | {string.Join(", ", also)} | {ReadBy(setting.ReadBy)} | {setting.Description}{(setting.IsSecret ? " (secret)" : string.Empty)}{required} |");
        }

        return string.Join("\n", lines) + "\n";
    }

    private static string? DefaultText(SettingDefinition setting) =>
        setting.DefaultDescription ?? setting.Default;

    private static string ReadBy(DeliveryTask tasks) => tasks == DeliveryTask.Chain ? "all" : DeliveryTasks.Describe(tasks);

    // Under the one task that reads it (Validate's checks aside), or with the
    // settings several tasks read; groups in chain order.
    private static IEnumerable<IGrouping<DeliveryTask, SettingDefinition>> Groups() =>
        SettingCatalog.All
            .GroupBy(GroupOf)
            .OrderBy(g => g.Key == DeliveryTask.Chain ? -1 : BitOperations.TrailingZeroCount((int)g.Key));

    private static DeliveryTask GroupOf(SettingDefinition setting)
    {
        var work = setting.ReadBy == DeliveryTask.Validate ? setting.ReadBy : setting.ReadBy & ~DeliveryTask.Validate;
        return BitOperations.PopCount((uint)work) == 1 ? work : DeliveryTask.Chain;
    }
}
