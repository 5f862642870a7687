using Cake.Core;

namespace Cake.Frosting;

/// <summary>What the host needs from a task, whatever its context type.</summary>
public interface IFrostingTask
{
    Task RunAsync(ICakeContext context);

    bool ShouldRun(ICakeContext context);

    string SkippedMessage { get; }

    void OnError(Exception exception, ICakeContext context);

    void Finally(ICakeContext context);
}
