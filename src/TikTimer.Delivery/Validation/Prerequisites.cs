using TikTimer.Delivery.Platform;
using TikTimer.Delivery.Processes;

namespace TikTimer.Delivery.Validation;

/// <summary>What must hold before the chain changes anything: docker, the platform's own checks, the unit tests.</summary>
public static class Prerequisites
{
    public const string UnitTestFilter = "TestCategory!=Integration&TestCategory!=EndToEnd";

    public static IEnumerable<IPrerequisiteCheck> For(DeliveryServices services)
    {
        ArgumentNullException.ThrowIfNull(services);
        yield return new DelegateCheck("Docker daemon reachable", ct => DockerAsync(services, ct));
        foreach (var check in services.Platform.PreflightChecks())
        {
            yield return check;
        }

        if (!services.Settings.SkipTests)
        {
            yield return new DelegateCheck("unit tests pass", ct => UnitTestsAsync(services, ct));
        }
    }

    private static async Task<string?> DockerAsync(DeliveryServices services, CancellationToken cancellationToken)
    {
        try
        {
            return await services.Docker.IsAvailableAsync(cancellationToken).ConfigureAwait(false)
                ? null
                : "the docker client cannot reach a daemon. Start it (scripts/setup-local.sh starts one here; on a laptop start Docker Desktop or 'sudo systemctl start docker') and check 'docker info'.";
        }
        catch (DeliveryException ex)
        {
            return ex.Message;
        }
    }

    private static async Task<string?> UnitTestsAsync(DeliveryServices services, CancellationToken cancellationToken)
    {
        var settings = services.Settings;
        var solution = Path.Combine(settings.RepositoryRoot, "TikTimer.sln");
        var spec = new ProcessSpec("dotnet", ["test", solution, "--filter", UnitTestFilter, "--nologo", "--logger", "console;verbosity=normal"])
        {
            WorkingDirectory = settings.RepositoryRoot,
            OnOutputLine = services.Log.Verbose,
            OnErrorLine = services.Log.Verbose,
            ThrowOnFailure = false,
            Step = "Validate",
        };
        var result = await services.Processes.RunAsync(spec, cancellationToken).ConfigureAwait(false);
        if (result.Succeeded)
        {
            return null;
        }

        // The failed tests' names (and build errors) are what tells the user where to look.
        var failures = result.OutputLines.Concat(result.ErrorLines)
            .Where(l => l.TrimStart().StartsWith("Failed ", StringComparison.Ordinal) || l.Contains(": error ", StringComparison.Ordinal) || l.StartsWith("Failed!", StringComparison.Ordinal))
            .Select(l => l.Trim())
            .Distinct()
            .TakeLast(15)
            .DefaultIfEmpty(result.OutputLines.LastOrDefault(l => l.Trim().Length > 0) ?? "(no output)");
        return $"'dotnet test --filter \"{UnitTestFilter}\"' exited with {result.ExitCode}:{Environment.NewLine}    "
            + string.Join(Environment.NewLine + "    ", failures)
            + $"{Environment.NewLine}    Fix the tests, or pass --skip-tests to validate without them.";
    }
}
