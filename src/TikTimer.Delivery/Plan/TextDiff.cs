using System.Globalization;

namespace TikTimer.Delivery.Plan;

/// <summary>
/// A unified diff of two texts line by line (what <c>diff -u</c>, <c>ecspresso diff</c> and
/// <c>git diff</c> print), with a few lines of context around each change. Pure.
/// </summary>
public static class TextDiff
{
    public const int DefaultContext = 3;

    /// <summary>The diff's lines (hunk headers, then ' ', '-' or '+' before each line); empty when the texts are equal.</summary>
    public static IReadOnlyList<string> Unified(string before, string after, int context = DefaultContext)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var a = Lines(before);
        var b = Lines(after);
        var edits = Edits(a, b);
        if (edits.All(e => e.Kind == ' '))
        {
            return [];
        }

        var output = new List<string>();
        var i = 0;
        while (i < edits.Count)
        {
            if (edits[i].Kind == ' ')
            {
                i++;
                continue;
            }

            // A hunk: from `context` lines before this change to `context` lines after the last
            // change that is no more than 2*context unchanged lines from the one before it.
            var start = Math.Max(0, i - context);
            var end = i;
            for (var j = i; j < edits.Count; j++)
            {
                if (edits[j].Kind != ' ')
                {
                    end = j;
                }
                else if (j - end > 2 * context)
                {
                    break;
                }
            }

            var stop = Math.Min(edits.Count, end + context + 1);
            var hunk = edits.GetRange(start, stop - start);
            var oldStart = hunk.FirstOrDefault(e => e.Kind != '+')?.OldLine ?? edits[start].OldLine;
            var newStart = hunk.FirstOrDefault(e => e.Kind != '-')?.NewLine ?? edits[start].NewLine;
            var oldCount = hunk.Count(e => e.Kind != '+');
            var newCount = hunk.Count(e => e.Kind != '-');

            // diff -u numbers an empty side by the line before it.
            output.Add(string.Create(
                CultureInfo.InvariantCulture,
                $"@@ -{(oldCount == 0 ? oldStart : oldStart + 1)},{oldCount} +{(newCount == 0 ? newStart : newStart + 1)},{newCount} @@"));
            output.AddRange(hunk.Select(e => $"{e.Kind}{e.Text}"));
            i = stop;
        }

        return output;
    }

    private static string[] Lines(string text) =>
        text.Length == 0 ? [] : text.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd('\n').Split('\n');

    // Longest common subsequence; task definitions are a few hundred lines at most.
    private static List<Edit> Edits(string[] a, string[] b)
    {
        var lengths = new int[a.Length + 1, b.Length + 1];
        for (var x = a.Length - 1; x >= 0; x--)
        {
            for (var y = b.Length - 1; y >= 0; y--)
            {
                lengths[x, y] = a[x] == b[y] ? lengths[x + 1, y + 1] + 1 : Math.Max(lengths[x + 1, y], lengths[x, y + 1]);
            }
        }

        var edits = new List<Edit>();
        int i = 0, j = 0;
        while (i < a.Length || j < b.Length)
        {
            if (i < a.Length && j < b.Length && a[i] == b[j])
            {
                edits.Add(new Edit(' ', a[i], i++, j++));
            }
            else if (i < a.Length && (j == b.Length || lengths[i + 1, j] >= lengths[i, j + 1]))
            {
                // Removals before additions within a change, as diff -u prints them.
                edits.Add(new Edit('-', a[i], i++, j));
            }
            else
            {
                edits.Add(new Edit('+', b[j], i, j++));
            }
        }

        return edits;
    }

    private sealed record Edit(char Kind, string Text, int OldLine, int NewLine);
}
