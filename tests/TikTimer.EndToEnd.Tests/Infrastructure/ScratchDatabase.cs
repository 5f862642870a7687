using Npgsql;

namespace TikTimer.EndToEnd.Tests.Infrastructure;

/// <summary>
/// A database <c>tiktimer_e2e_&lt;guid&gt;</c> of its own on the local PostgreSQL, dropped at the
/// end, so the end-to-end runs never touch a user's <c>tiktimer</c> database. Server from
/// TIKTIMER_TEST_POSTGRES (an Npgsql connection string), by default the one the README sets up.
/// </summary>
internal sealed class ScratchDatabase
{
    public const string ServerVariable = "TIKTIMER_TEST_POSTGRES";
    public const string DefaultServer = "Host=127.0.0.1;Port=5432;Username=tiktimer;Password=tiktimer-local;Database=postgres";

    private ScratchDatabase(string name, string connectionString)
    {
        Name = name;
        ConnectionString = connectionString;
    }

    public string Name { get; }

    public string ConnectionString { get; }

    /// <summary>The database as the container receives it: a postgres URL.</summary>
    public string Url
    {
        get
        {
            var b = new NpgsqlConnectionStringBuilder(ConnectionString);
            return $"postgres://{Uri.EscapeDataString(b.Username!)}:{Uri.EscapeDataString(b.Password ?? "")}@{b.Host}:{b.Port}/{b.Database}";
        }
    }

    public string Password => new NpgsqlConnectionStringBuilder(ConnectionString).Password ?? "";

    public static string DescribeServer() =>
        new NpgsqlConnectionStringBuilder(Server) { Password = "***" }.ConnectionString;

    public static async Task<bool> IsReachableAsync()
    {
        try
        {
            await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(Server) { Timeout = 15, Pooling = false }.ConnectionString);
            await connection.OpenAsync();
            return true;
        }
        catch (Exception error) when (error is NpgsqlException or TimeoutException)
        {
            return false;
        }
    }

    public static async Task<ScratchDatabase> CreateAsync()
    {
        var name = $"tiktimer_e2e_{Guid.NewGuid():N}";
        await using (var admin = await OpenServerAsync())
        await using (var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", admin))
        {
            await create.ExecuteNonQueryAsync();
        }

        return new ScratchDatabase(name, new NpgsqlConnectionStringBuilder(Server) { Database = name, Pooling = false }.ConnectionString);
    }

    public async Task<T> ScalarAsync<T>(string sql, params object[] parameters)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        return (T)(await command.ExecuteScalarAsync())!;
    }

    public async Task<int> ExecuteAsync(string sql, params object[] parameters)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        return await command.ExecuteNonQueryAsync();
    }

    public async Task DropAsync()
    {
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
}
