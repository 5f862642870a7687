using TikTimer.Api.Configuration;

namespace TikTimer.Api.Migrations;

/// <summary>
/// <c>TikTimer.Api migrate [--dry-run]</c>: the container's alternative command, run once per
/// deploy before the new version starts. Exit codes: 0 migrated (or nothing to do),
/// 1 failed (configuration, connection, lock or SQL; the message says which), 2 bad usage.
/// </summary>
public static class MigrateCommand
{
    public const string Name = "migrate";
    public const int Succeeded = 0;
    public const int Failed = 1;
    public const int UsageError = 2;

    private const string Usage =
        "Usage: TikTimer.Api migrate [--dry-run]\n" +
        "  Applies the embedded SQL migrations to the database named by DATABASE_URL\n" +
        "  (postgres://user:password@host:port/database) or ConnectionStrings__Default.\n" +
        "  --dry-run  list the migrations that would be applied, change nothing";

    public static async Task<int> RunAsync(
        IReadOnlyList<string> arguments,
        Func<string, string?> getVariable,
        TextWriter output,
        TextWriter error,
        IReadOnlyList<Migration>? migrations = null,
        MigratorOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        var dryRun = false;
        foreach (var argument in arguments)
        {
            switch (argument)
            {
                case "--dry-run":
                    dryRun = true;
                    break;
                case "--help" or "-h":
                    await output.WriteLineAsync(Usage);
                    return Succeeded;
                default:
                    await error.WriteLineAsync($"migrate: unknown argument '{argument}'.\n{Usage}");
                    return UsageError;
            }
        }

        try
        {
            migrations ??= MigrationCatalog.Embedded();
            var database = DatabaseSettings.FromEnvironment(getVariable);
            var migrator = new Migrator(options, output);
            await output.WriteLineAsync($"Migrating {database.Description} ({migrations.Count} migrations known, from {database.Source})");
            if (dryRun)
            {
                await ReportPendingAsync(migrator, database, migrations, output, cancellationToken);
            }
            else
            {
                await ReportAsync(await migrator.MigrateAsync(database, migrations, cancellationToken), output);
            }

            return Succeeded;
        }
        catch (Exception failure) when (failure is ConfigurationException or MigrationException)
        {
            await error.WriteLineAsync($"migrate failed: {failure.Message}");
            return Failed;
        }
        catch (Exception unexpected) when (unexpected is not OperationCanceledException)
        {
            // Still no stack trace: the operator reads this in a deploy log.
            await error.WriteLineAsync($"migrate failed unexpectedly ({unexpected.GetType().Name}): {Migrator.Describe(unexpected)}");
            return Failed;
        }
    }

    private static async Task ReportPendingAsync(
        Migrator migrator, DatabaseSettings database, IReadOnlyList<Migration> migrations, TextWriter output, CancellationToken cancellationToken)
    {
        var pending = await migrator.PendingAsync(database, migrations, cancellationToken);
        foreach (var migration in pending)
        {
            await output.WriteLineAsync($"Would apply {migration.Id}");
        }

        await output.WriteLineAsync(pending.Count == 0 ? "Dry run: nothing to migrate." : $"Dry run: {pending.Count} migration(s) pending, nothing changed.");
    }

    private static async Task ReportAsync(MigrationReport report, TextWriter output)
    {
        if (report.Unknown.Count > 0)
        {
            // Normal after rolling back to an older image: its schema is a prefix of the database's.
            await output.WriteLineAsync(
                $"Note: the database has version(s) {string.Join(", ", report.Unknown)} that this build does not know (migrated by a newer build).");
        }

        await output.WriteLineAsync(report.Applied.Count == 0
            ? $"Nothing to migrate: the database is at version {report.DatabaseVersion?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "0"}."
            : $"Done: applied {report.Applied.Count} migration(s); the database is at version {report.DatabaseVersion}.");
    }
}
