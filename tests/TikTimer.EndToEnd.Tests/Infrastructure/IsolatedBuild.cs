namespace TikTimer.EndToEnd.Tests.Infrastructure;

/// <summary>
/// Runs <c>./build.sh</c> for real, kept apart from a user's own local deployment: its own
/// database, ports, service, repository and migration family. The database URL (a secret)
/// reaches the child through its environment, never its arguments.
/// </summary>
internal sealed class IsolatedBuild(string repositoryRoot, string databaseUrl, string registryPasswordFile, Isolation? isolation = null)
{
    public const string Service = "e2e";
    public const string Repository = "tiktimer-e2e";
    public const string MigrationFamily = "tiktimer-e2e-migration";
    public static readonly int[] Ports = [38080, 38081];

    /// <summary>A cold first run compiles the build host and publishes the service: minutes, not seconds.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromMinutes(6);

    // Settings a user or CI may have exported would otherwise leak into the isolated run;
    // GitHub's step summary and annotations belong to the job, not to the runs under test.
    private static readonly string[] InheritedSettings =
        ["DATABASE_URL", "MIGRATION_TASK_FAMILY", "APP_SECURITY_GROUP", "APP_SUBNET_IDS", "ALB_DNS", "GITHUB_ACTIONS", "GITHUB_STEP_SUMMARY"];

    public string RepositoryRoot { get; } = repositoryRoot;

    public Isolation Isolation { get; } = isolation ?? Isolation.CSharpSample;

    public async Task<BuildRun> RunAsync(string description, params string[] arguments)
    {
        string[] isolation =
        [
            $"--environment={Isolation.Environment}",
            .. Isolation.RunsServiceTests ? Array.Empty<string>() : ["--skip-tests"],
            $"--local-ports={string.Join(',', Isolation.Ports)}",
            $"--services={Isolation.Service}",
            $"--repository={Isolation.Repository}",
            $"--migration-task-family={Isolation.MigrationFamily}",
            // The file the tests read, whatever deploy/local.json says; a path, not the secret.
            $"--registry-password-file={registryPasswordFile}",
        ];
        using var buildLock = Isolation.PublishesIntoTheCheckout ? await BuildLock.AcquireAsync(RepositoryRoot, Timeout) : null;
        var result = await ChildProcess.RunAsync(
            Path.Combine(RepositoryRoot, "build.sh"),
            [.. isolation, .. arguments],
            RepositoryRoot,
            Timeout,
            ChildEnvironment());
        var run = new BuildRun(description, result);
        Attach(run);
        return run;
    }

    private Dictionary<string, string?> ChildEnvironment()
    {
        var environment = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var name in Environment.GetEnvironmentVariables().Keys.Cast<string>())
        {
            // The test host runs under `dotnet test`, whose MSBuild variables would steer the
            // build host's own `dotnet build` and `dotnet publish`.
            if (name.StartsWith("TIKTIMER_", StringComparison.Ordinal)
                || name.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)
                || InheritedSettings.Contains(name, StringComparer.Ordinal))
            {
                environment[name] = null;
            }
        }

        environment["TIKTIMER_DATABASE_URL"] = databaseUrl;
        foreach (var (name, value) in Isolation.ChildEnvironment(databaseUrl))
        {
            environment[name] = value;
        }
        return environment;
    }

    private static void Attach(BuildRun run)
    {
        var file = Path.Combine(
            TestContext.CurrentContext.WorkDirectory,
            $"e2e-{TestContext.CurrentContext.Test.Name}-{string.Concat(run.Description.Where(char.IsLetterOrDigit))}.log");
        File.WriteAllText(file, $"{run.Description} (exit code {run.ExitCode}, {run.Duration})\n{run.Output}");
        TestContext.AddTestAttachment(file, run.Description);
    }
}
