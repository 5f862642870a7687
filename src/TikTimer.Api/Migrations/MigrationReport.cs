namespace TikTimer.Api.Migrations;

/// <summary>What one run did.</summary>
/// <param name="Applied">Migrations this run applied, in order.</param>
/// <param name="AlreadyApplied">Known migrations the database already had.</param>
/// <param name="Unknown">Versions recorded in the database that this build does not know (a newer build migrated it).</param>
public sealed record MigrationReport(
    IReadOnlyList<Migration> Applied,
    IReadOnlyList<Migration> AlreadyApplied,
    IReadOnlyList<int> Unknown)
{
    public int? DatabaseVersion => Applied.Concat(AlreadyApplied).Select(m => (int?)m.Version).Concat(Unknown.Select(v => (int?)v)).Max();
}
