using Npgsql;
using TikTimer.Api.Configuration;
using TikTimer.Testing;

namespace TikTimer.Api.Tests;

/// <summary>What the API's tests ask of their scratch database (<see cref="ScratchDatabase"/>).</summary>
public static class TestDatabase
{
    public static Task<ScratchDatabase> CreateAsync() => ScratchDatabase.CreateAsync();

    extension(ScratchDatabase database)
    {
        public DatabaseSettings Settings => DatabaseSettings.FromConnectionString(database.ConnectionString);
    }

    public static async Task<List<int>> RecordedVersionsAsync(this ScratchDatabase database)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT version FROM schema_migrations ORDER BY version", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var versions = new List<int>();
        while (await reader.ReadAsync())
        {
            versions.Add(reader.GetInt32(0));
        }

        return versions;
    }

    public static Task<bool> TableExistsAsync(this ScratchDatabase database, string table) =>
        database.ScalarAsync<bool>($"SELECT to_regclass('public.{table}') IS NOT NULL");
}
