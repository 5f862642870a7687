namespace TikTimer.Build;

/// <summary>
/// GitHub Actions workflow commands: collapsible groups per task, an error
/// annotation per failure, masks for secrets, and the job's step summary.
/// Outside GitHub Actions every method does nothing.
/// </summary>
public static class CiReporter
{
    public static bool IsGitHubActions =>
        string.Equals(Environment.GetEnvironmentVariable("GITHUB_ACTIONS"), "true", StringComparison.OrdinalIgnoreCase);

    public static void MaskSecret(string secret)
    {
        if (IsGitHubActions)
        {
            foreach (var line in secret.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                Console.WriteLine($"::add-mask::{line.TrimEnd('\r')}");
            }
        }
    }

    public static void BeginGroup(string title)
    {
        if (IsGitHubActions)
        {
            Console.WriteLine($"::group::{Escape(title)}");
        }
    }

    public static void EndGroup()
    {
        if (IsGitHubActions)
        {
            Console.WriteLine("::endgroup::");
        }
    }

    public static void Error(string title, string message)
    {
        if (IsGitHubActions)
        {
            Console.WriteLine($"::error title={EscapeProperty(title)}::{Escape(message)}");
        }
    }

    public static void AppendSummary(string markdown)
    {
        var path = Environment.GetEnvironmentVariable("GITHUB_STEP_SUMMARY");
        if (IsGitHubActions && !string.IsNullOrEmpty(path))
        {
            File.AppendAllText(path, markdown + Environment.NewLine);
        }
    }

    // Workflow command values must escape %, CR and LF (and , : in properties).
    public static string Escape(string value) =>
        value.Replace("%", "%25", StringComparison.Ordinal)
            .Replace("\r", "%0D", StringComparison.Ordinal)
            .Replace("\n", "%0A", StringComparison.Ordinal);

    private static string EscapeProperty(string value) =>
        Escape(value).Replace(":", "%3A", StringComparison.Ordinal).Replace(",", "%2C", StringComparison.Ordinal);
}
