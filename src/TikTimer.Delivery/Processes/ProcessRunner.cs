using System.ComponentModel;
using System.Diagnostics;

namespace TikTimer.Delivery.Processes;

/// <summary>
/// Runs a process with its arguments passed one by one, streams its output
/// lines to the caller while capturing them, feeds standard input, and kills
/// the whole process tree when cancelled.
/// </summary>
public sealed class ProcessRunner : IProcessRunner
{
    private readonly Action<ProcessStartInfo>? _onStarting;

    /// <param name="onStarting">
    /// Sees each <see cref="ProcessStartInfo"/> just before it starts: lets a
    /// test prove what really reached the operating system (e.g. that no
    /// password is among the arguments).
    /// </param>
    public ProcessRunner(Action<ProcessStartInfo>? onStarting = null)
    {
        _onStarting = onStarting;
    }

    public async Task<ProcessResult> RunAsync(ProcessSpec spec, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(spec);
        cancellationToken.ThrowIfCancellationRequested();

        var startInfo = CreateStartInfo(spec);
        _onStarting?.Invoke(startInfo);

        var output = new List<string>();
        var error = new List<string>();
        using var process = new Process { StartInfo = startInfo };
        process.OutputDataReceived += (_, e) => Collect(e.Data, output, spec.OnOutputLine);
        process.ErrorDataReceived += (_, e) => Collect(e.Data, error, spec.OnErrorLine);

        try
        {
            process.Start();
        }
        catch (Win32Exception exception)
        {
            throw new DeliveryException(
                $"{StepPrefix(spec)}could not start `{spec.DisplayCommand}`: {exception.Message}. Check that {spec.FileName} is installed and executable.",
                exception);
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await FeedStandardInputAsync(process, spec.StandardInput).ConfigureAwait(false);

        try
        {
            // Also waits until both output streams are drained, so no last line is lost.
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            Kill(process);
            throw;
        }

        ProcessResult result;
        lock (output)
        {
            lock (error)
            {
                result = new ProcessResult(process.ExitCode, [.. output], [.. error]);
            }
        }

        if (spec.ThrowOnFailure && !result.Succeeded)
        {
            throw new ProcessFailedException(spec, result);
        }

        return result;
    }

    private static ProcessStartInfo CreateStartInfo(ProcessSpec spec)
    {
        var startInfo = new ProcessStartInfo(spec.FileName)
        {
            UseShellExecute = false,
            CreateNoWindow = true,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = spec.WorkingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var argument in spec.Arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in spec.Environment)
        {
            if (value is null)
            {
                startInfo.Environment.Remove(name);
            }
            else
            {
                startInfo.Environment[name] = value;
            }
        }

        return startInfo;
    }

    private static void Collect(string? line, List<string> lines, Action<string>? callback)
    {
        if (line is null)
        {
            return;
        }

        lock (lines)
        {
            lines.Add(line);
        }

        callback?.Invoke(line);
    }

    private static async Task FeedStandardInputAsync(Process process, string? content)
    {
        try
        {
            if (content is not null)
            {
                await process.StandardInput.WriteAsync(content).ConfigureAwait(false);
                await process.StandardInput.FlushAsync().ConfigureAwait(false);
            }

            // Closed even when empty: a tool that would prompt sees end of input instead of hanging.
            process.StandardInput.Close();
        }
        catch (IOException)
        {
            // The process exited before reading its input; its exit code tells why.
        }
    }

    private static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(TimeSpan.FromSeconds(10));
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }
    }

    private static string StepPrefix(ProcessSpec spec) => spec.Step is null ? string.Empty : spec.Step + ": ";
}
