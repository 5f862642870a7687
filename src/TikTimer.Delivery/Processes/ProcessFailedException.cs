namespace TikTimer.Delivery.Processes;

/// <summary>
/// A process exited non-zero. The message names the command (which by
/// construction holds no secret) and ends with the tail of its standard error,
/// which is usually where the reason is.
/// </summary>
public sealed class ProcessFailedException : DeliveryException
{
    public const int TailLines = 20;

    public ProcessFailedException(ProcessSpec spec, ProcessResult result)
        : base(Describe(spec, result))
    {
        Command = spec.DisplayCommand;
        Result = result;
    }

    public string Command { get; }

    public ProcessResult Result { get; }

    private static string Describe(ProcessSpec spec, ProcessResult result)
    {
        var prefix = spec.Step is null ? string.Empty : spec.Step + ": ";
        var tail = result.ErrorLines.Count > 0 ? result.ErrorLines : result.OutputLines;
        var shown = tail.Skip(Math.Max(0, tail.Count - TailLines));
        var details = tail.Count == 0 ? " It printed nothing." : "\n" + string.Join('\n', shown);
        return $"{prefix}`{spec.DisplayCommand}` exited with code {result.ExitCode}.{details}";
    }
}
