using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;

namespace TikTimer.Api.Migrations;

/// <summary>The ordered set of migrations a build of the service knows.</summary>
public static partial class MigrationCatalog
{
    private const string ResourcePrefix = "TikTimer.Migrations.";

    /// <summary>The scripts under <c>Migrations/Sql</c>, embedded in this assembly at build time.</summary>
    public static IReadOnlyList<Migration> Embedded() => FromResources(typeof(MigrationCatalog).Assembly);

    public static IReadOnlyList<Migration> FromResources(Assembly assembly)
    {
        var scripts = new List<(string FileName, string Sql)>();
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            scripts.Add((resource[ResourcePrefix.Length..], reader.ReadToEnd()));
        }

        return FromScripts(scripts);
    }

    /// <param name="scripts">File names of the form <c>NNNN_name.sql</c> with their SQL.</param>
    public static IReadOnlyList<Migration> FromScripts(IEnumerable<(string FileName, string Sql)> scripts)
    {
        var migrations = scripts.Select(script => Parse(script.FileName, script.Sql)).OrderBy(m => m.Version).ToList();
        var duplicate = migrations.GroupBy(m => m.Version).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new MigrationException(
                $"Two migrations share version {duplicate.Key}: {string.Join(", ", duplicate)}. Give each script its own number.");
        }

        return migrations;
    }

    private static Migration Parse(string fileName, string sql)
    {
        var match = FileNamePattern().Match(fileName);
        if (!match.Success)
        {
            throw new MigrationException(
                $"Migration file '{fileName}' is not named NNNN_name.sql (for example 0004_add_post_media.sql).");
        }

        var version = int.Parse(match.Groups["version"].Value, CultureInfo.InvariantCulture);
        if (version <= 0)
        {
            throw new MigrationException($"Migration file '{fileName}' has version 0; versions start at 1.");
        }

        return new Migration(version, match.Groups["name"].Value, sql);
    }

    [GeneratedRegex(@"^(?<version>\d{1,9})_(?<name>[A-Za-z0-9_]+)\.sql$")]
    private static partial Regex FileNamePattern();
}
