using System.Text.RegularExpressions;

namespace TikTimer.EndToEnd.Tests.Infrastructure;

/// <summary>
/// One finished <c>./build.sh</c> run, its output without terminal colours, and the facts
/// the tests read from it: the task summary table, the image built and the digest pushed.
/// </summary>
internal sealed partial class BuildRun
{
    public BuildRun(string description, ChildProcessResult result)
    {
        Description = description;
        ExitCode = result.ExitCode;
        Duration = result.Duration;
        Output = AnsiEscape().Replace(result.Output, string.Empty);
    }

    public string Description { get; }

    public int ExitCode { get; }

    public TimeSpan Duration { get; }

    public string Output { get; }

    /// <summary>Each task's status in the summary table printed at the end ("Succeeded", "Failed", ...).</summary>
    public IReadOnlyDictionary<string, string> TaskStatuses =>
        SummaryRow().Matches(Output).ToDictionary(m => m.Groups["task"].Value, m => m.Groups["status"].Value, StringComparer.Ordinal);

    /// <summary>The local reference BuildImage tagged, e.g. <c>tiktimer-e2e:&lt;tag&gt;</c>.</summary>
    public string? BuiltReference => BuiltLine().Match(Output) is { Success: true } m ? m.Groups["reference"].Value : null;

    /// <summary>The image id BuildImage reported.</summary>
    public string? BuiltImageId => BuiltLine().Match(Output) is { Success: true } m ? m.Groups["id"].Value : null;

    /// <summary>The digest reference PushToEcr printed: <c>registry/repository@sha256:...</c>.</summary>
    public string? PushedImage => PushedLine().Match(Output) is { Success: true } m ? m.Groups["image"].Value : null;

    public string? StatusOf(string task) => TaskStatuses.TryGetValue(task, out var status) ? status : null;

    /// <summary>For assertion messages: enough of the output to see what happened without the docker build steps.</summary>
    public string Tail(int lines = 60)
    {
        var all = Output.Split('\n');
        return $"{Description}: exit code {ExitCode} after {Duration.TotalSeconds:F0} s; last {Math.Min(lines, all.Length)} lines:\n"
            + string.Join('\n', all.TakeLast(lines));
    }

    [GeneratedRegex(@"\x1B\[[0-9;?]*[A-Za-z]")]
    private static partial Regex AnsiEscape();

    [GeneratedRegex(@"^\s*(?<task>[A-Za-z]+)\s+(?<duration>\d{2}:\d{2}:\d{2}(\.\d+)?)\s+(?<status>[A-Za-z]+)\s*$", RegexOptions.Multiline)]
    private static partial Regex SummaryRow();

    [GeneratedRegex(@"^Built (?<reference>\S+) \(image id (?<id>sha256:[0-9a-f]{64})\)", RegexOptions.Multiline)]
    private static partial Regex BuiltLine();

    [GeneratedRegex(@"^Image: (?<image>\S+@sha256:[0-9a-f]{64})\s*$", RegexOptions.Multiline)]
    private static partial Regex PushedLine();
}
