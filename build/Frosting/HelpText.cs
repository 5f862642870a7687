using System.Reflection;
using Spectre.Console;

namespace Cake.Frosting;

internal static class HelpText
{
    public static void Write(IAnsiConsole console, IReadOnlyList<Type> taskTypes, IEnumerable<string> moreLines)
    {
        console.WriteLine("Usage: ./build.sh [--target=<task>] [--exclusive] [--<setting>=<value> ...]");
        console.WriteLine();
        console.WriteLine("Options:");
        console.WriteLine("  -t, --target <task>        Task to run (default: Default)");
        console.WriteLine("  -e, --exclusive            Run only the target, not its dependencies");
        console.WriteLine("  -v, --verbosity <level>    quiet, minimal, normal, verbose, diagnostic");
        console.WriteLine("      --dryrun               Show the tasks that would run, run nothing");
        console.WriteLine("      --tree                 Show the task dependency tree");
        console.WriteLine("      --description          Show each task's description");
        console.WriteLine("      --version              Show the build's version");
        console.WriteLine("      --info                 Show the Cake engine version");
        console.WriteLine("  -w, --working <dir>        Working directory");
        console.WriteLine("  -h, --help                 Show this help");
        console.WriteLine("      --<key>=<value>        Any other setting (keys are case-insensitive)");
        console.WriteLine();
        console.WriteLine("Tasks:");
        foreach (var type in taskTypes)
        {
            var description = type.GetCustomAttribute<TaskDescriptionAttribute>()?.Description ?? string.Empty;
            console.WriteLine($"  {TaskRegistrar.NameOf(type),-16} {description}");
        }

        // Plain writes: setting descriptions hold brackets that markup would eat.
        foreach (var line in moreLines)
        {
            console.Profile.Out.Writer.WriteLine(line);
        }
    }
}
