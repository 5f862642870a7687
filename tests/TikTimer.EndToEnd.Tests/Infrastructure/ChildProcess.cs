using System.Diagnostics;
using System.Text;

namespace TikTimer.EndToEnd.Tests.Infrastructure;

/// <summary>What a finished child process printed (stdout and stderr interleaved as they came) and its exit code.</summary>
internal sealed record ChildProcessResult(int ExitCode, string Output, TimeSpan Duration);

/// <summary>
/// Runs a program to completion with a hard timeout. On timeout the whole process tree is
/// killed by PID (build.sh execs dotnet, which starts docker clients), and the test fails
/// with what the run printed so far.
/// </summary>
internal static class ChildProcess
{
    public static async Task<ChildProcessResult> RunAsync(
        string fileName,
        IEnumerable<string> arguments,
        string workingDirectory,
        TimeSpan timeout,
        IReadOnlyDictionary<string, string?>? environment = null,
        string? standardInput = null)
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
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

        var started = TimeProvider.System.GetTimestamp();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += Append;
        process.ErrorDataReceived += Append;
        process.Start();
        if (standardInput is not null)
        {
            // What a user would type at the prompts (terraform apply's "yes").
            await process.StandardInput.WriteAsync(standardInput);
        }

        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var deadline = new CancellationTokenSource(timeout, TimeProvider.System);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            string partial;
            lock (output)
            {
                partial = output.ToString();
            }

            Assert.Fail($"{fileName} {string.Join(' ', start.ArgumentList)} did not finish within {timeout}; killed its process tree (pid {process.Id}). Output so far:\n{partial}");
        }

        lock (output)
        {
            return new ChildProcessResult(process.ExitCode, output.ToString(), TimeProvider.System.GetElapsedTime(started));
        }
    }
}
