using System.Text.RegularExpressions;

namespace TikTimer.Build.Tests.Workflow;

/// <summary>
/// The part of GitHub Actions' expression language the CD workflow uses: context paths
/// (secrets.X, inputs.X, steps.ID.outputs.X), string literals, and &amp;&amp; / || with
/// JavaScript-like truthiness. Enough to know what a step's environment becomes.
/// </summary>
internal static partial class WorkflowExpression
{
    public static string Substitute(string text, Func<string, string?> context) =>
        Expression().Replace(text, m => Evaluate(m.Groups["body"].Value, context) ?? string.Empty);

    private static string? Evaluate(string body, Func<string, string?> context)
    {
        string? result = null;
        foreach (var alternative in body.Split("||"))
        {
            result = null;
            foreach (var operand in alternative.Split("&&"))
            {
                result = Operand(operand.Trim(), context);
                if (string.IsNullOrEmpty(result))
                {
                    break;
                }
            }

            if (!string.IsNullOrEmpty(result))
            {
                return result;
            }
        }

        return result;
    }

    private static string? Operand(string operand, Func<string, string?> context) =>
        operand.StartsWith('\'') && operand.EndsWith('\'') && operand.Length >= 2
            ? operand[1..^1]
            : PathPattern().IsMatch(operand)
                ? context(operand)
                : throw new NotSupportedException($"The workflow uses '{operand}', which this test's evaluator does not know; extend WorkflowExpression.");

    [GeneratedRegex(@"\$\{\{(?<body>.*?)\}\}")]
    private static partial Regex Expression();

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_.-]*$")]
    private static partial Regex PathPattern();
}
