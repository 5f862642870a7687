using Npgsql;
using TikTimer.Api.Configuration;
using TikTimer.Testing;

namespace TikTimer.Api.Tests;

/// <summary>
/// A throw-away database <c>tiktimer_test_&lt;guid&gt;</c> on the test PostgreSQL, so tests
/// never share schema or advisory locks. Server from TIKTIMER_TEST_POSTGRES (an Npgsql
/// connection string), by default the local one the README sets up.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    public const string ServerVariable = "TIKTIMER_TEST_POSTGRES";
    private const string DefaultServer = "Host=127.0.0.1;Port=5432;Username=tiktimer;Password=tiktimer-local;Database=postgres";

    private static readonly Lazy<Task<bool>> Reachable = new(CheckReachableAsync);

    private TestDatabase(string name, string connectionString)
    {
        Name = name;
        ConnectionString = connectionString;
    }

    public string Name { get; }

    public string ConnectionString { get; }

    public DatabaseSettings Settings => DatabaseSettings.FromConnectionString(ConnectionString);

    /// <summary>The same database as a postgres URL, as the container receives it.</summary>
    public string Url
    {
        get
        {
            var b = new NpgsqlConnectionStringBuilder(ConnectionString);
            return $"postgres://{Uri.EscapeDataString(b.Username!)}:{Uri.EscapeDataString(b.Password ?? "")}@{b.Host}:{b.Port}/{b.Database}";
        }
    }

    public static async Task<TestDatabase> CreateAsync()
    {
        Prerequisite.Require(
            await Reachable.Value,
            $"PostgreSQL ({ServerVariable} or {DefaultServer.Replace("Password=tiktimer-local", "Password=***", StringComparison.Ordinal)})",
            "Install and start PostgreSQL (apt-get install -y postgresql; pg_ctlcluster 15 main start) and create the role: " +
            "CREATE ROLE tiktimer LOGIN CREATEDB PASSWORD 'tiktimer-local';");

        var name = $"tiktimer_test_{Guid.NewGuid():N}";
        await using (var admin = await OpenServerAsync())
        await using (var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", admin))
        {
            await create.ExecuteNonQueryAsync();
        }

        var builder = new NpgsqlConnectionStringBuilder(Server) { Database = name };
        return new TestDatabase(name, builder.ConnectionString);
    }

    public async Task<T> ScalarAsync<T>(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    public async Task<List<int>> RecordedVersionsAsync()
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
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

    public async Task<bool> TableExistsAsync(string table) =>
        await ScalarAsync<bool>($"SELECT to_regclass('public.{table}') IS NOT NULL");

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var admin = await OpenServerAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)", admin);
        await drop.ExecuteNonQueryAsync();
    }

    private static string Server => Environment.GetEnvironmentVariable(ServerVariable) is { Length: > 0 } server ? server : DefaultServer;

    private static async Task<NpgsqlConnection> OpenServerAsync()
    {
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(Server) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    private static async Task<bool> CheckReachableAsync()
    {
        try
        {
            var builder = new NpgsqlConnectionStringBuilder(Server) { Timeout = 3, Pooling = false };
            await using var connection = new NpgsqlConnection(builder.ConnectionString);
            await connection.OpenAsync();
            return true;
        }
        catch (Exception error) when (error is NpgsqlException or TimeoutException)
        {
            return false;
        }
    }
}
