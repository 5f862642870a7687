using TikTimer.Delivery.Processes;

namespace TikTimer.Delivery.Tests.Infrastructure;

/// <summary>Records each process spec and answers with a canned result; no process is started.</summary>
public sealed class ScriptedProcessRunner : IProcessRunner
{
    private readonly Func<ProcessSpec, ProcessResult> _answer;

    public ScriptedProcessRunner(Func<ProcessSpec, ProcessResult>? answer = null)
    {
        _answer = answer ?? (_ => Ok());
    }

    public List<ProcessSpec> Specs { get; } = [];

    public ProcessSpec Last => Specs[^1];

    public static ProcessResult Ok(params string[] output) => new(0, output, []);

    public static ProcessResult Fail(int exitCode, params string[] error) => new(exitCode, [], error);

    public Task<ProcessResult> RunAsync(ProcessSpec spec, CancellationToken cancellationToken = default)
    {
        Specs.Add(spec);
        var result = _answer(spec);
        foreach (var line in result.OutputLines)
        {
            spec.OnOutputLine?.Invoke(line);
        }

        if (spec.ThrowOnFailure && !result.Succeeded)
        {
            throw new ProcessFailedException(spec, result);
        }

        return Task.FromResult(result);
    }
}
