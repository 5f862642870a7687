using System.Diagnostics;
using System.Text;
using TikTimer.Delivery.Setup;
using TikTimer.Testing;

namespace TikTimer.Build.Tests.Bootstrap;

/// <summary>What one run of a bootstrap script printed (stdout and stderr as they came) and its exit code.</summary>
internal sealed record ScriptRun(int ExitCode, string Output)
{
    public const string RebuildMessage = "Building the build host (sources changed)...";

    public bool Rebuilt => Output.Contains(RebuildMessage, StringComparison.Ordinal);
}

/// <summary>
/// build.sh (through bash) or build.ps1 (through PowerShell 7), run as a user runs them,
/// with a hard timeout; the process tree is killed by PID when it is exceeded.
/// </summary>
internal sealed class BootstrapScript(string name)
{
    /// <summary>A cold build of the host on a busy 2-core machine takes well over a minute.</summary>
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

    // `dotnet test` exports MSBuild variables that would steer the scripts' own build;
    // settings and CI markers of the outer run must not leak into the runs under test.
    private static readonly string[] InheritedPrefixes = ["MSBuild", "TIKTIMER_", "GITHUB_"];

    public string Name { get; } = name;

    public bool IsPowerShell => Name.EndsWith(".ps1", StringComparison.Ordinal);

    /// <summary>Skips on a laptop without PowerShell 7; fails under CI, which installs it.</summary>
    public void RequireInterpreter()
    {
        if (IsPowerShell)
        {
            Prerequisite.Require(
                PowerShellTool.Find() is not null,
                "PowerShell 7 (pwsh on PATH or in ~/.dotnet/tools)",
                $"Install it with '{PowerShellTool.InstallCommand}' (./build.sh --target=Test does).");
        }
    }

    public Task<ScriptRun> RunAsync(string repositoryRoot, params string[] arguments) =>
        RunAsync(repositoryRoot, new Dictionary<string, string>(), arguments);

    public async Task<ScriptRun> RunAsync(string repositoryRoot, IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        var start = IsPowerShell
            ? new ProcessStartInfo(PowerShellTool.Find() ?? throw new InvalidOperationException("pwsh was not found."))
            : new ProcessStartInfo("bash");
        start.WorkingDirectory = repositoryRoot;
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.RedirectStandardInput = true;
        if (IsPowerShell)
        {
            start.ArgumentList.Add("-NoProfile");
        }

        start.ArgumentList.Add($"./{Name}");
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var variable in start.Environment.Keys.Where(k => InheritedPrefixes.Any(p => k.StartsWith(p, StringComparison.OrdinalIgnoreCase))).ToList())
        {
            start.Environment.Remove(variable);
        }

        foreach (var (variable, value) in environment)
        {
            start.Environment[variable] = value;
        }

        var output = new StringBuilder();
        void Append(object sender, DataReceivedEventArgs line)
        {
            if (line.Data is not null)
            {
                lock (output)
                {
                    output.AppendLine(line.Data);
                }
            }
        }

        using var process = new Process { StartInfo = start };
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
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            Assert.Fail($"{Name} {string.Join(' ', arguments)} did not finish within {Timeout}; killed pid {process.Id}. Output:\n{output}");
        }

        lock (output)
        {
            return new ScriptRun(process.ExitCode, output.ToString());
        }
    }
}
