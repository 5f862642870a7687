namespace TikTimer.Delivery.Processes;

/// <summary>Runs external tools (docker, git, dotnet). The seam tests record or replace.</summary>
public interface IProcessRunner
{
    /// <summary>
    /// Runs the process to completion. Cancelling kills the whole process tree
    /// and throws <see cref="OperationCanceledException"/>.
    /// </summary>
    Task<ProcessResult> RunAsync(ProcessSpec spec, CancellationToken cancellationToken = default);
}
