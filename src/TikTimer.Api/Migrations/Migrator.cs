using Npgsql;
using TikTimer.Api.Configuration;

namespace TikTimer.Api.Migrations;

/// <summary>
/// Applies the migrations a database lacks, each in its own transaction, recording each in
/// <c>schema_migrations</c>. A session-level advisory lock serialises runs: a second run
/// started meanwhile waits, then finds nothing left to do.
/// </summary>
public sealed class Migrator
{
    /// <summary>"TikTimer" in ASCII. Advisory locks are per database, so one fixed key suffices.</summary>
    public const long AdvisoryLockKey = 0x54696B54696D6572;

    public const string VersionTable = "schema_migrations";

    private const string ApplicationName = "tiktimer-migrate";

    private readonly MigratorOptions _options;
    private readonly TextWriter _output;
    private readonly TimeProvider _timeProvider;

    public Migrator(MigratorOptions? options = null, TextWriter? output = null, TimeProvider? timeProvider = null)
    {
        _options = (options ?? new MigratorOptions()).Validated();
        _output = output ?? TextWriter.Null;
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <exception cref="MigrationException">Connecting, locking or a script failed; earlier scripts of this run stay applied.</exception>
    public async Task<MigrationReport> MigrateAsync(
        DatabaseSettings database, IReadOnlyList<Migration> migrations, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(database, cancellationToken);
        await AcquireLockAsync(connection, cancellationToken);
        try
        {
            await EnsureVersionTableAsync(connection, cancellationToken);
            var recorded = await ReadRecordedAsync(connection, cancellationToken);
            VerifyUnchanged(migrations, recorded);

            var alreadyApplied = migrations.Where(m => recorded.ContainsKey(m.Version)).ToList();
            var applied = new List<Migration>();
            foreach (var migration in migrations.Where(m => !recorded.ContainsKey(m.Version)))
            {
                await ApplyAsync(connection, migration, CurrentVersion(recorded, applied), cancellationToken);
                applied.Add(migration);
            }

            return new MigrationReport(applied, alreadyApplied, UnknownVersions(migrations, recorded));
        }
        finally
        {
            await ReleaseLockAsync(connection);
        }
    }

    /// <summary>The migrations <see cref="MigrateAsync"/> would apply now; changes nothing and takes no lock.</summary>
    public async Task<IReadOnlyList<Migration>> PendingAsync(
        DatabaseSettings database, IReadOnlyList<Migration> migrations, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(database, cancellationToken);
        await using var exists = new NpgsqlCommand($"SELECT to_regclass('{VersionTable}') IS NOT NULL", connection);
        if (await exists.ExecuteScalarAsync(cancellationToken) is not true)
        {
            return migrations;
        }

        var recorded = await ReadRecordedAsync(connection, cancellationToken);
        VerifyUnchanged(migrations, recorded);
        return migrations.Where(m => !recorded.ContainsKey(m.Version)).ToList();
    }

    private static async Task<NpgsqlConnection> OpenAsync(DatabaseSettings database, CancellationToken cancellationToken)
    {
        var builder = new NpgsqlConnectionStringBuilder(database.ConnectionString)
        {
            ApplicationName = ApplicationName,
            // The lock must outlive the pool: a pooled, reset connection would keep it.
            Pooling = false,
        };
        var connection = new NpgsqlConnection(builder.ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            return connection;
        }
        catch (Exception error) when (error is NpgsqlException or TimeoutException)
        {
            await connection.DisposeAsync();
            throw new MigrationException(
                $"Cannot connect to {database.Description} (from {database.Source}): {Describe(error)}. " +
                "Check that the database is running and reachable from here, and the credentials.",
                error);
        }
    }

    private async Task AcquireLockAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        if (await ScalarAsync<bool>(connection, "SELECT pg_try_advisory_lock($1)", cancellationToken, AdvisoryLockKey))
        {
            return;
        }

        _output.WriteLine("Waiting for the migration lock: another migrate run is working on this database.");
        var started = _timeProvider.GetTimestamp();
        // The server does the waiting, bounded by lock_timeout, so no client-side polling is needed.
        await ScalarAsync<string>(connection, "SELECT set_config('lock_timeout', $1, false)", cancellationToken,
            $"{(long)_options.LockTimeout.TotalMilliseconds}ms");
        try
        {
            await ExecuteAsync(connection, "SELECT pg_advisory_lock($1)", cancellationToken, _options.LockTimeout + TimeSpan.FromSeconds(30), AdvisoryLockKey);
        }
        catch (PostgresException error) when (error.SqlState == PostgresErrorCodes.LockNotAvailable)
        {
            throw new MigrationException(
                $"Gave up after {_options.LockTimeout} waiting for the migration lock: another migrate run still holds it " +
                "(see pg_stat_activity, application_name 'tiktimer-migrate'). Run migrate again once it has finished.",
                error);
        }

        await ScalarAsync<string>(connection, "SELECT set_config('lock_timeout', '0', false)", cancellationToken);
        _output.WriteLine($"Got the migration lock after {_timeProvider.GetElapsedTime(started).TotalSeconds:0.0} s.");
    }

    private static async Task ReleaseLockAsync(NpgsqlConnection connection)
    {
        try
        {
            await ExecuteAsync(connection, "SELECT pg_advisory_unlock($1)", CancellationToken.None, null, AdvisoryLockKey);
        }
        catch (Exception error) when (error is NpgsqlException or InvalidOperationException)
        {
            // The session is broken or gone; closing it releases the lock anyway.
        }
    }

    private static Task EnsureVersionTableAsync(NpgsqlConnection connection, CancellationToken cancellationToken) =>
        ExecuteAsync(connection, $"""
            CREATE TABLE IF NOT EXISTS {VersionTable} (
                version    integer     PRIMARY KEY,
                name       text        NOT NULL,
                checksum   text        NOT NULL,
                applied_at timestamptz NOT NULL DEFAULT now()
            )
            """, cancellationToken, null);

    private static async Task<Dictionary<int, (string Name, string Checksum)>> ReadRecordedAsync(
        NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var recorded = new Dictionary<int, (string, string)>();
        await using var command = new NpgsqlCommand($"SELECT version, name, checksum FROM {VersionTable}", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            recorded[reader.GetInt32(0)] = (reader.GetString(1), reader.GetString(2));
        }

        return recorded;
    }

    private static void VerifyUnchanged(IReadOnlyList<Migration> migrations, Dictionary<int, (string Name, string Checksum)> recorded)
    {
        var changed = migrations
            .Where(m => recorded.TryGetValue(m.Version, out var entry) && entry.Checksum != m.Checksum)
            .ToList();
        if (changed.Count > 0)
        {
            throw new MigrationException(
                $"Already applied migration(s) {string.Join(", ", changed)} differ from the script(s) that were applied (checksum mismatch). " +
                "Restore the original script(s) and put the change in a new migration.");
        }
    }

    private async Task ApplyAsync(NpgsqlConnection connection, Migration migration, int? currentVersion, CancellationToken cancellationToken)
    {
        var started = _timeProvider.GetTimestamp();
        try
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await using (var script = new NpgsqlCommand(migration.Sql, connection, transaction))
            {
                script.CommandTimeout = (int)_options.CommandTimeout.TotalSeconds;
                await script.ExecuteNonQueryAsync(cancellationToken);
            }

            await using (var record = new NpgsqlCommand(
                $"INSERT INTO {VersionTable} (version, name, checksum) VALUES ($1, $2, $3)", connection, transaction))
            {
                record.Parameters.Add(new NpgsqlParameter<int> { TypedValue = migration.Version });
                record.Parameters.Add(new NpgsqlParameter<string> { TypedValue = migration.Name });
                record.Parameters.Add(new NpgsqlParameter<string> { TypedValue = migration.Checksum });
                await record.ExecuteNonQueryAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
        }
        catch (Exception error) when (error is NpgsqlException or TimeoutException)
        {
            var version = currentVersion is { } v ? $"version {v}" : "no version (nothing applied)";
            throw new MigrationException(
                $"Migration {migration.Id} failed and was rolled back: {Describe(error)}. " +
                $"The database stays at {version}. Fix the script and run migrate again.",
                error);
        }

        _output.WriteLine($"Applied {migration.Id} ({_timeProvider.GetElapsedTime(started).TotalMilliseconds:0} ms)");
    }

    private static int? CurrentVersion(Dictionary<int, (string Name, string Checksum)> recorded, List<Migration> applied) =>
        recorded.Keys.Concat(applied.Select(m => m.Version)).Select(v => (int?)v).Max();

    private static List<int> UnknownVersions(IReadOnlyList<Migration> migrations, Dictionary<int, (string Name, string Checksum)> recorded) =>
        recorded.Keys.Except(migrations.Select(m => m.Version)).Order().ToList();

    /// <summary>The server's own words (SQLSTATE, message, statement), never a stack trace.</summary>
    internal static string Describe(Exception error)
    {
        switch (error)
        {
            case PostgresException postgres:
                var statement = postgres.BatchCommand?.CommandText is { Length: > 0 } text
                    ? $" in statement \"{FirstLine(text)}\""
                    : string.Empty;
                return $"{postgres.SqlState}: {postgres.MessageText}{statement}";
            case NpgsqlException { InnerException: { } inner } npgsql when inner is not PostgresException:
                return $"{npgsql.Message} ({inner.Message})";
            default:
                return error.Message;
        }
    }

    private static string FirstLine(string sql)
    {
        var line = sql.Trim().Split('\n')[0].Trim();
        return line.Length <= 100 ? line : line[..100] + "...";
    }

    private static async Task<T> ScalarAsync<T>(NpgsqlConnection connection, string sql, CancellationToken cancellationToken, params object[] parameters)
    {
        await using var command = Command(connection, sql, null, parameters);
        return (T)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken, TimeSpan? timeout, params object[] parameters)
    {
        await using var command = Command(connection, sql, timeout, parameters);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static NpgsqlCommand Command(NpgsqlConnection connection, string sql, TimeSpan? timeout, object[] parameters)
    {
        var command = new NpgsqlCommand(sql, connection);
        if (timeout is { } t)
        {
            command.CommandTimeout = (int)Math.Min(int.MaxValue, t.TotalSeconds);
        }

        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        return command;
    }
}
