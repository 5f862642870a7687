using TikTimer.Delivery.Processes;
using TikTimer.Delivery.Reporting;

namespace TikTimer.Delivery.Validation;

/// <summary>
/// Validate's run of the service's own tests (the <c>test-command</c> setting): whatever the
/// service's test runner is, a failure names the tests that failed.
/// </summary>
public static class ServiceTests
{
    /// <returns>Null when the tests pass; otherwise the problem, with the failing tests.</returns>
    public static async Task<string?> RunAsync(
        IProcessRunner processes,
        IDeliveryLog log,
        IReadOnlyList<string> command,
        string repositoryRoot,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (command.Count == 0)
        {
            throw new ArgumentException("The test command is empty.", nameof(command));
        }

        if (NestedTestRun.IsInside(Environment.GetEnvironmentVariable))
        {
            return NestedTestRun.Refusal;
        }

        // A script given relative to the repository, e.g. examples/fastapi-alembic/run-tests.sh;
        // the process itself would resolve it against the host's current directory instead.
        var program = command[0].Contains('/', StringComparison.Ordinal) && !Path.IsPathRooted(command[0])
            ? Path.GetFullPath(command[0], repositoryRoot)
            : command[0];
        var spec = new ProcessSpec(program, command.Skip(1))
        {
            WorkingDirectory = repositoryRoot,
            Environment = new Dictionary<string, string?> { [NestedTestRun.Marker] = "1" },
            OnOutputLine = log.Verbose,
            OnErrorLine = log.Verbose,
            ThrowOnFailure = false,
            Step = "Validate",
        };
        var shown = string.Join(' ', command);
        ProcessResult result;
        try
        {
            result = await processes.RunAsync(spec, cancellationToken).ConfigureAwait(false);
        }
        catch (DeliveryException error)
        {
            return $"{error.Message} Fix test-command (now '{shown}'), or pass --skip-tests to validate without the tests.";
        }

        if (result.Succeeded)
        {
            return null;
        }

        var failures = TestFailureLines.From(result.OutputLines.Concat(result.ErrorLines));
        return $"'{shown}' exited with {result.ExitCode}:{Environment.NewLine}    "
            + string.Join(Environment.NewLine + "    ", failures)
            + $"{Environment.NewLine}    Fix the tests, or pass --skip-tests to validate without them.";
    }
}
