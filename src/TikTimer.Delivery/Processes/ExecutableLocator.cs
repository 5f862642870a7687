namespace TikTimer.Delivery.Processes;

/// <summary>Finds a tool the way a shell would: an explicit path wins, then PATH.</summary>
public static class ExecutableLocator
{
    /// <summary>Returns the full path of <paramref name="name"/>, or null when it is not on PATH.</summary>
    public static string? Find(string name, string? pathVariable = null)
    {
        var path = pathVariable ?? Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        var extensions = OperatingSystem.IsWindows() ? new[] { ".exe", ".cmd", string.Empty } : [string.Empty];
        foreach (var directory in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (var extension in extensions)
            {
                var candidate = Path.Combine(directory, name + extension);
                if (File.Exists(candidate) && IsExecutable(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }

    /// <summary>
    /// Resolves a tool or explains how to get it. <paramref name="overridePath"/>
    /// comes from a setting (e.g. <c>docker-path</c>) and must exist when given;
    /// <paramref name="settingKey"/> is null for tools that have no such setting.
    /// </summary>
    public static string Require(string name, string? overridePath, string? settingKey, string howToInstall)
    {
        if (!string.IsNullOrWhiteSpace(overridePath))
        {
            return File.Exists(overridePath)
                ? Path.GetFullPath(overridePath)
                : throw new DeliveryException(
                    $"The setting {settingKey} points to '{overridePath}', which does not exist. Fix --{settingKey}, or remove it to use {name} from PATH.");
        }

        return Find(name) ?? throw new DeliveryException(
            $"'{name}' was not found on PATH. {howToInstall}"
            + (settingKey is null ? " Or add its directory to PATH." : $" Or give its full path with --{settingKey}=<path> (or TIKTIMER_{settingKey.ToUpperInvariant().Replace('-', '_')})."));
    }

    private static bool IsExecutable(string file) =>
        OperatingSystem.IsWindows()
        || (File.GetUnixFileMode(file) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0;
}
