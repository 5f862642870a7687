using Cake.Frosting;

namespace TikTimer.Build.Tests;

/// <summary>Runs the host in-process on the given tasks and captures what it printed.</summary>
internal static class HostRun
{
    /// <summary>Ample for a host that only inspects or fails early; a hang fails the test instead of CI.</summary>
    public static readonly TimeSpan Limit = TimeSpan.FromMinutes(2);

    public static (int ExitCode, string Output) Run(Type[] tasks, params string[] args)
    {
        using var output = new StringWriter();
        var exitCode = Bounded(() => new CakeHost().UseTasks(tasks).UseOutput(output).Run(args));
        return (exitCode, output.ToString());
    }

    /// <summary>Runs a host (which may run real tasks) and fails the test when it does not return within <see cref="Limit"/>.</summary>
    public static int Bounded(Func<int> run)
    {
        var host = Task.Run(run);
        if (!host.Wait(Limit))
        {
            Assert.Fail($"The host did not return within {Limit}: a task is waiting on something, or running the test suite inside itself.");
        }

        return host.Result;
    }
}
