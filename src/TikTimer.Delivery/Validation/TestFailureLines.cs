using System.Text.RegularExpressions;

namespace TikTimer.Delivery.Validation;

/// <summary>
/// The lines of a test run's output that say what failed, for the test runners services use:
/// <c>dotnet test</c> ("Failed Name [12 ms]", build errors, "Failed!") and pytest (the short
/// summary's "FAILED path::test - reason" and "ERROR ..." lines, and its "== 1 failed ==" line).
/// </summary>
public static partial class TestFailureLines
{
    public const int MaxLines = 15;

    /// <summary>At most <see cref="MaxLines"/> of them, the last ones; the last non-empty line when none matches.</summary>
    public static IReadOnlyList<string> From(IEnumerable<string> lines)
    {
        var all = lines.Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
        var failures = all.Where(IsFailure).Distinct().TakeLast(MaxLines).ToList();
        return failures.Count > 0 ? failures : [all.LastOrDefault() ?? "(no output)"];
    }

    private static bool IsFailure(string line) =>
        line.StartsWith("Failed ", StringComparison.Ordinal)
        || line.StartsWith("Failed!", StringComparison.Ordinal)
        || line.Contains(": error ", StringComparison.Ordinal)
        || line.StartsWith("FAILED ", StringComparison.Ordinal)
        || line.StartsWith("ERROR ", StringComparison.Ordinal)
        || PytestSummary().IsMatch(line);

    [GeneratedRegex(@"^=+ .*\b\d+ (failed|errors?)\b.* =+$")]
    private static partial Regex PytestSummary();
}
