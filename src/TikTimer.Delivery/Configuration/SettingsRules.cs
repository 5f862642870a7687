namespace TikTimer.Delivery.Configuration;

/// <summary>
/// Checks that need several settings together, the platform, or the tasks
/// that will run: what is required, paths that must exist, known regions.
/// </summary>
internal static class SettingsRules
{
    public static void Check(DeliverySettings settings, SettingValues values, DeliveryTask tasks)
    {
        foreach (var definition in SettingCatalog.All)
        {
            if (definition.Required is { } required && required.Platform == settings.Platform &&
                (required.Tasks & tasks) is var needing and not DeliveryTask.None &&
                !HasValue(values, definition))
            {
                values.Missing(definition.Key, $"on the {Name(settings.Platform)} platform by {DeliveryTasks.Describe(needing)}");
            }

            if (definition.MustExist is { } kind && (definition.ReadBy & tasks) != DeliveryTask.None &&
                values.Raw(definition.Key) is { Value.Length: > 0 } path)
            {
                CheckExists(settings, values, definition, kind, path.Value.Trim(), tasks);
            }
        }

        // Without PushToEcr in the run, the later steps have only --image to go on.
        if ((tasks & (DeliveryTask.MigrateViaEcs | DeliveryTask.Deploy)) is var needsImage and not DeliveryTask.None &&
            !tasks.HasFlag(DeliveryTask.PushToEcr) && settings.Image is null && !values.IsGiven(SettingCatalog.Image))
        {
            values.Missing(SettingCatalog.Image.Key, $"by {DeliveryTasks.Describe(needsImage)} when PushToEcr does not run first (--exclusive): give the digest PushToEcr printed (Image: ...), or drop --exclusive");
        }

        // With a publish step the context is the publish output, made by BuildImage itself.
        if (tasks.HasFlag(DeliveryTask.BuildImage) && settings.ServiceProject is null && settings.BuildContext is { } context &&
            !Directory.Exists(settings.ResolvePath(context)))
        {
            values.Invalid(SettingCatalog.BuildContext.Key, $"names the directory '{settings.ResolvePath(context)}', which does not exist (BuildImage would need it); fix the path (relative to the repository)");
        }

        if (settings.IsLocal && settings.Services.Count > 1)
        {
            values.Invalid(SettingCatalog.Services.Key, "has more than one service, but the local platform serves one service on its two ports");
        }

        if (settings.IsAws && settings.Region is { } region && !settings.AllowUnknownRegion && !AwsRegions.IsKnown(region))
        {
            values.Invalid(SettingCatalog.Region.Key, "is not an AWS region this suite knows"
                + (AwsRegions.Suggest(region) is { } near ? $" (did you mean {near}?)" : string.Empty)
                + $"; for a region newer than this suite, add --{SettingCatalog.AllowUnknownRegion.Key}=true");
        }
    }

    private static bool HasValue(SettingValues values, SettingDefinition definition) =>
        values.Raw(definition.Key) is { } raw && raw.Value.Trim() is { Length: > 0 } text && text != "[]";

    private static void CheckExists(DeliverySettings settings, SettingValues values, SettingDefinition definition, PathKind kind, string path, DeliveryTask tasks)
    {
        var full = settings.ResolvePath(path);
        var exists = kind == PathKind.File ? File.Exists(full) : Directory.Exists(full);
        if (!exists)
        {
            var what = kind == PathKind.File ? "file" : "directory";
            values.Invalid(definition.Key, $"names the {what} '{full}', which does not exist ({DeliveryTasks.Describe(definition.ReadBy & tasks)} would need it); fix the path (relative to the repository, or ~/...)");
        }
    }

    private static string Name(DeliveryPlatform platform) => platform.ToString().ToLowerInvariant();
}
