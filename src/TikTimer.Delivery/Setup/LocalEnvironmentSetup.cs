using TikTimer.Delivery.Configuration;
using TikTimer.Delivery.Docker;
using TikTimer.Delivery.Processes;
using TikTimer.Delivery.Reporting;

namespace TikTimer.Delivery.Setup;

/// <summary>
/// Brings the local environment up when part of it is missing, with the repository's
/// idempotent scripts/setup-local.sh: nothing runs when everything answers; without
/// root, the one command to run with sudo is the error.
/// </summary>
public sealed class LocalEnvironmentSetup(
    ILocalEnvironmentProbe probe,
    IProcessRunner processes,
    IDeliveryLog log,
    string repositoryRoot,
    bool isPrivileged)
{
    public const string Script = "scripts/setup-local.sh";

    /// <summary>The command a user without root runs once per machine.</summary>
    public const string SudoCommand = "sudo " + Script;

    public LocalEnvironmentSetup(ILocalEnvironmentProbe probe, IProcessRunner processes, IDeliveryLog log, string repositoryRoot)
        : this(probe, processes, log, repositoryRoot, Environment.IsPrivilegedProcess)
    {
    }

    /// <summary>The real probe of what <paramref name="settings"/> point at, run as this process's user.</summary>
    public static LocalEnvironmentSetup For(DeliverySettings settings, DockerCli docker, IProcessRunner processes, IDeliveryLog log)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return new(new LocalEnvironmentProbe(settings, docker), processes, log, settings.RepositoryRoot);
    }

    /// <param name="step">The task that needs the environment, named in messages (Validate, Test).</param>
    public async Task EnsureUpAsync(string step, CancellationToken cancellationToken)
    {
        var missing = await probe.MissingAsync(cancellationToken).ConfigureAwait(false);
        if (missing.Count == 0)
        {
            return;
        }

        var what = string.Join(", ", missing);
        if (!isPrivileged)
        {
            throw new DeliveryException(
                $"{step}: the local environment is not running ({what}). Start it once per machine (it needs root for packages and daemons): {SudoCommand}");
        }

        log.Information($"{step}: the local environment is not running ({what}); starting it with {Script}.");
        var result = await processes.RunAsync(
            new ProcessSpec("bash", [Path.Combine(repositoryRoot, Script)])
            {
                WorkingDirectory = repositoryRoot,
                OnOutputLine = log.Information,
                OnErrorLine = log.Warning,
                ThrowOnFailure = false,
                Step = step,
            },
            cancellationToken).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            throw new DeliveryException($"{step}: {Script} exited with {result.ExitCode}; its output above says which part failed. Fix that and re-run.");
        }

        var stillMissing = await probe.MissingAsync(cancellationToken).ConfigureAwait(false);
        if (stillMissing.Count > 0)
        {
            throw new DeliveryException(
                $"{step}: after {Script}, still not answering: {string.Join(", ", stillMissing)}. If the settings point somewhere the script does not start (--registry, --database-url), start that yourself.");
        }
    }
}
