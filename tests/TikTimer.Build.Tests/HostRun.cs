using Cake.Frosting;

namespace TikTimer.Build.Tests;

/// <summary>Runs the host in-process on the given tasks and captures what it printed.</summary>
internal static class HostRun
{
    public static (int ExitCode, string Output) Run(Type[] tasks, params string[] args)
    {
        using var output = new StringWriter();
        var exitCode = new CakeHost().UseTasks(tasks).UseOutput(output).Run(args);
        return (exitCode, output.ToString());
    }
}
