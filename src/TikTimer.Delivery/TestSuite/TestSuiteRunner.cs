using TikTimer.Delivery.Configuration;
using TikTimer.Delivery.Docker;
using TikTimer.Delivery.Processes;
using TikTimer.Delivery.Reporting;
using TikTimer.Delivery.Setup;

namespace TikTimer.Delivery.TestSuite;

/// <summary>
/// The Test target: the project's whole test suite (unit, integration with real parts,
/// end to end) after making sure what it needs is up, streamed as it runs; the run's
/// result is the suite's.
/// </summary>
/// <param name="ensurePrerequisites">Brings up what the tests need (see <see cref="For"/>).</param>
public sealed class TestSuiteRunner(
    Func<CancellationToken, Task> ensurePrerequisites,
    IProcessRunner processes,
    IDeliveryLog log,
    string repositoryRoot,
    Func<string, string?> getVariable)
{
    public const string Step = "Test";

    /// <summary>
    /// Set for the suite's own processes. A test that starts the build (build.sh, the host)
    /// must never start the whole suite again inside it: that would recurse without end.
    /// It is not a TIKTIMER_ setting, so the tests' isolation of settings keeps it.
    /// </summary>
    public const string InsideTestRunVariable = "IN_TIKTIMER_TEST_RUN";

    public static readonly IReadOnlyList<string> TestArguments = ["test", "TikTimer.sln"];

    /// <summary>
    /// The real run: the local environment (Docker engine, registry, PostgreSQL) brought up
    /// as for the chain, and PowerShell 7 installed for the build.ps1 tests.
    /// </summary>
    public static TestSuiteRunner For(DeliverySettings settings, DockerCli docker, IProcessRunner processes, IDeliveryLog log)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var environment = LocalEnvironmentSetup.For(settings, docker, processes, log);
        return new TestSuiteRunner(
            async ct =>
            {
                await environment.EnsureUpAsync(Step, ct).ConfigureAwait(false);
                await PowerShellTool.EnsureInstalledAsync(processes, log, Step, ct).ConfigureAwait(false);
            },
            processes,
            log,
            settings.RepositoryRoot,
            Environment.GetEnvironmentVariable);
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (!string.IsNullOrEmpty(getVariable(InsideTestRunVariable)))
        {
            throw new DeliveryException(
                $"{Step}: this run is already inside the test suite ({InsideTestRunVariable} is set); a test must not start the whole suite again. Run --target=Test from a shell, not from a test.");
        }

        await ensurePrerequisites(cancellationToken).ConfigureAwait(false);

        log.Information($"{Step}: dotnet {string.Join(' ', TestArguments)}");
        var result = await processes.RunAsync(
            new ProcessSpec("dotnet", TestArguments)
            {
                WorkingDirectory = repositoryRoot,
                Environment = new Dictionary<string, string?> { [InsideTestRunVariable] = "1" },
                OnOutputLine = log.Information,
                OnErrorLine = log.Warning,
                ThrowOnFailure = false,
                Step = Step,
            },
            cancellationToken).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            throw new DeliveryException($"{Step}: 'dotnet {string.Join(' ', TestArguments)}' exited with {result.ExitCode}; the failed tests are listed above.");
        }
    }
}
