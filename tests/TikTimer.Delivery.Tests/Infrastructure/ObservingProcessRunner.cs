using System.Collections.Concurrent;
using System.Diagnostics;
using TikTimer.Delivery.Processes;

namespace TikTimer.Delivery.Tests.Infrastructure;

/// <summary>
/// The real runner, recording what reached the operating system (arguments,
/// environment) and every raw, unredacted output line.
/// </summary>
public sealed class ObservingProcessRunner : IProcessRunner
{
    private readonly ConcurrentQueue<ProcessStartInfo> _started = new();
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly ProcessRunner _inner;

    public ObservingProcessRunner()
    {
        _inner = new ProcessRunner(_started.Enqueue);
    }

    public IReadOnlyList<ProcessStartInfo> Started => [.. _started];

    public IReadOnlyList<string> RawLines => [.. _lines];

    public async Task<ProcessResult> RunAsync(ProcessSpec spec, CancellationToken cancellationToken = default)
    {
        try
        {
            var result = await _inner.RunAsync(spec, cancellationToken);
            Record(result);
            return result;
        }
        catch (ProcessFailedException failure)
        {
            Record(failure.Result);
            throw;
        }
    }

    private void Record(ProcessResult result)
    {
        foreach (var line in result.OutputLines.Concat(result.ErrorLines))
        {
            _lines.Enqueue(line);
        }
    }
}
