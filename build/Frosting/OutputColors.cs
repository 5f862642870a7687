namespace Cake.Frosting;

/// <summary>
/// Whether the host writes ANSI colours: on a terminal, and on GitHub Actions (whose log
/// renders them although it is a pipe); never to a file or another pipe, never with
/// NO_COLOR set (no-color.org), never to a dumb terminal.
/// </summary>
public static class OutputColors
{
    public static bool Enabled(Func<string, string?> getVariable, bool outputRedirected)
    {
        ArgumentNullException.ThrowIfNull(getVariable);
        if (!string.IsNullOrEmpty(getVariable("NO_COLOR")))
        {
            return false;
        }

        if (string.Equals(getVariable("GITHUB_ACTIONS"), "true", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        return !outputRedirected && !string.Equals(getVariable("TERM"), "dumb", StringComparison.Ordinal);
    }
}
