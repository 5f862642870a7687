using System.Diagnostics;
using System.Text;
using TikTimer.EndToEnd.Tests.Infrastructure;

namespace TikTimer.AwsEndToEnd.Tests.Infrastructure;

/// <summary>
/// Runs <c>./build.sh --environment=emulator --terraform-dir=COPY_OF_INFRA</c> as a user on the
/// aws platform would, against the test's emulator: endpoint and test keys in the environment
/// (AWS_ENDPOINT_URL, AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY), every other setting from the
/// Terraform outputs and deploy/emulator.json. Nothing of the user's own AWS or TikTimer
/// configuration reaches the child.
/// </summary>
internal sealed class AwsBuild(string repositoryRoot, AwsEmulator emulator, Terraform terraform)
{
    /// <summary>A cold first run compiles the build host and publishes the service.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromMinutes(8);

    private static readonly string[] Removed =
    [
        "DATABASE_URL", "MIGRATION_TASK_FAMILY", "APP_SECURITY_GROUP", "APP_SUBNET_IDS", "ALB_DNS",
        "GITHUB_ACTIONS", "GITHUB_STEP_SUMMARY", "AWS_PROFILE", "AWS_DEFAULT_PROFILE", "AWS_SESSION_TOKEN",
        "AWS_REGION", "AWS_DEFAULT_REGION", "AWS_WEB_IDENTITY_TOKEN_FILE", "AWS_ROLE_ARN", "AWS_CONFIG_FILE",
        "AWS_SHARED_CREDENTIALS_FILE", "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS",
    ];

    public string RepositoryRoot { get; } = repositoryRoot;

    public async Task<BuildRun> RunAsync(string description, params string[] arguments)
    {
        using var buildLock = await BuildLock.AcquireAsync(RepositoryRoot, Timeout);
        var result = await ChildProcess.RunAsync(BuildScript, [.. Isolation, .. arguments], RepositoryRoot, Timeout, Environment());
        return Attach(new BuildRun(description, result));
    }

    /// <summary>
    /// Runs the build and sends it SIGINT (Ctrl-C) once a line of its output contains
    /// <paramref name="interruptAt"/>; returns when it has exited.
    /// </summary>
    public Task<BuildRun> RunAndInterruptAsync(string description, string interruptAt, params string[] arguments) =>
        RunAndActAsync(description, interruptAt, process =>
        {
            // build.sh execs the host, so this PID is the host: what Ctrl-C in a terminal reaches.
            using var kill = Process.Start("kill", ["-INT", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            kill?.WaitForExit();
            return Task.CompletedTask;
        }, arguments);

    /// <summary>
    /// Runs the build and, once a line of its output contains <paramref name="at"/>, runs
    /// <paramref name="act"/> (once, while the build goes on); returns when both have finished.
    /// </summary>
    public async Task<BuildRun> RunAndActAsync(string description, string at, Func<Process, Task> act, params string[] arguments)
    {
        var start = new ProcessStartInfo(BuildScript)
        {
            WorkingDirectory = RepositoryRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in Isolation.Concat(arguments))
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in Environment())
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }

        using var buildLock = await BuildLock.AcquireAsync(RepositoryRoot, Timeout);
        var output = new StringBuilder();
        using var process = new Process { StartInfo = start };
        var interrupted = 0;
        Task acted = Task.CompletedTask;
        void Append(object sender, DataReceivedEventArgs line)
        {
            if (line.Data is null)
            {
                return;
            }

            lock (output)
            {
                output.AppendLine(line.Data);
            }

            if (line.Data.Contains(at, StringComparison.Ordinal) && Interlocked.Exchange(ref interrupted, 1) == 0)
            {
                acted = Task.Run(() => act(process));
            }
        }

        var started = Stopwatch.StartNew();
        process.OutputDataReceived += Append;
        process.ErrorDataReceived += Append;
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var deadline = new CancellationTokenSource(Timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            Assert.Fail($"{description} did not finish within {Timeout}:\n{output}");
        }

        await acted;

        lock (output)
        {
            Assert.That(interrupted, Is.EqualTo(1), $"{description}: the output never showed '{at}':\n{output}");
            return Attach(new BuildRun(description, new ChildProcessResult(process.ExitCode, output.ToString(), started.Elapsed)));
        }
    }

    private string BuildScript => Path.Combine(RepositoryRoot, "build.sh");

    private string[] Isolation =>
    [
        "--environment=emulator",
        $"--terraform-dir={terraform.Directory}",
        // Validate would otherwise run `dotnet test` inside `dotnet test`.
        "--skip-tests",
    ];

    private Dictionary<string, string?> Environment()
    {
        var environment = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var name in System.Environment.GetEnvironmentVariables().Keys.Cast<string>())
        {
            if (name.StartsWith("TIKTIMER_", StringComparison.Ordinal)
                || name.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)
                || name.StartsWith("AWS_ENDPOINT_URL", StringComparison.Ordinal)
                || Removed.Contains(name, StringComparer.Ordinal))
            {
                environment[name] = null;
            }
        }

        foreach (var (key, value) in terraform.ChildEnvironment())
        {
            environment[key] = value;
        }

        foreach (var (key, value) in emulator.ClientEnvironment())
        {
            environment[key] = value;
        }

        return environment;
    }

    private static BuildRun Attach(BuildRun run)
    {
        var file = Path.Combine(TestContext.CurrentContext.WorkDirectory, $"aws-e2e-{TestContext.CurrentContext.Test.Name}.log");
        File.WriteAllText(file, $"{run.Description} (exit code {run.ExitCode}, {run.Duration})\n{run.Output}");
        TestContext.AddTestAttachment(file, run.Description);
        TestContext.Progress.WriteLine($"{run.Description}: exit code {run.ExitCode} after {run.Duration.TotalSeconds:F0} s");
        return run;
    }
}
