using System.Text.RegularExpressions;

namespace TikTimer.Delivery.Migrations;

/// <summary>
/// Which migration a log line of the migration task says it applied, so the delivery record can
/// name them (Rollback's schema warning). Recognises the two services this suite ships with: the
/// C# sample's <c>Applied 0003_posts</c> and Alembic's <c>Running upgrade abc -&gt; def, add posts</c>.
/// A service that prints neither is recorded with its task only. Pure.
/// </summary>
public static partial class AppliedMigrations
{
    /// <summary>The migration's name, or null when the line reports none.</summary>
    public static string? From(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var sample = SampleApplied().Match(line);
        if (sample.Success)
        {
            return sample.Groups["id"].Value;
        }

        var alembic = AlembicUpgrade().Match(line);
        return alembic.Success ? $"{alembic.Groups["to"].Value} ({alembic.Groups["message"].Value.Trim()})" : null;
    }

    [GeneratedRegex(@"^\s*Applied (?<id>[0-9]+_[A-Za-z0-9_]+)\b")]
    private static partial Regex SampleApplied();

    [GeneratedRegex(@"Running upgrade (?<from>\S*) -> (?<to>[^,\s]+), ?(?<message>.*)$")]
    private static partial Regex AlembicUpgrade();
}
