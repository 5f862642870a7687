using TikTimer.Delivery.Processes;
using TikTimer.Delivery.Reporting;

namespace TikTimer.Delivery.Setup;

/// <summary>
/// PowerShell 7, which the tests need to run build.ps1 as Windows users do. It installs
/// without root as a .NET global tool; a later 7.7 may want a newer .NET.
/// </summary>
public static class PowerShellTool
{
    public const string Version = "7.6.9";

    public static readonly IReadOnlyList<string> InstallArguments = ["tool", "install", "--global", "PowerShell", "--version", Version];

    public static string InstallCommand => "dotnet " + string.Join(' ', InstallArguments);

    /// <summary>pwsh on PATH, else where <c>dotnet tool install --global</c> puts it; null when neither.</summary>
    public static string? Find()
    {
        if (ExecutableLocator.Find("pwsh") is { } onPath)
        {
            return onPath;
        }

        var tools = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".dotnet", "tools");
        return ExecutableLocator.Find("pwsh", tools);
    }

    /// <summary>Installs PowerShell when it is not found; says so, and fails naming the command when the install fails.</summary>
    public static async Task EnsureInstalledAsync(IProcessRunner processes, IDeliveryLog log, string step, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(processes);
        ArgumentNullException.ThrowIfNull(log);
        if (Find() is not null)
        {
            return;
        }

        log.Information($"{step}: installing PowerShell {Version} ({InstallCommand}).");
        var result = await processes.RunAsync(
            new ProcessSpec("dotnet", InstallArguments) { OnOutputLine = log.Verbose, OnErrorLine = log.Warning, ThrowOnFailure = false, Step = step },
            cancellationToken).ConfigureAwait(false);
        if (!result.Succeeded || Find() is null)
        {
            throw new DeliveryException($"{step}: '{InstallCommand}' exited with {result.ExitCode} and pwsh is still not found. Install PowerShell 7 another way and put pwsh on PATH.");
        }
    }
}
