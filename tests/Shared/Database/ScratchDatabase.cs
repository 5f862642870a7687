using Npgsql;

namespace TikTimer.Testing;

/// <summary>
/// A throw-away database <c>&lt;prefix&gt;_&lt;guid&gt;</c> on the test PostgreSQL, dropped on dispose,
/// so tests never share schema or advisory locks and never touch a user's <c>tiktimer</c> database.
/// Server from TIKTIMER_TEST_POSTGRES (an Npgsql connection string), by default the local one
/// scripts/setup-local.sh sets up. Compiled only into the test projects that reference Npgsql.
/// </summary>
public sealed class ScratchDatabase : IAsyncDisposable
{
    public const string ServerVariable = "TIKTIMER_TEST_POSTGRES";
    public const string DefaultServer = "Host=127.0.0.1;Port=5432;Username=tiktimer;Password=tiktimer-pw-local;Database=postgres";

    private static readonly Lazy<Task<bool>> Reachable = new(CheckReachableAsync);

    private ScratchDatabase(string name, string connectionString)
    {
        Name = name;
        ConnectionString = connectionString;
    }

    public string Name { get; }

    public string ConnectionString { get; }

    /// <summary>The database as a container receives it: a postgres URL (a secret).</summary>
    public string Url
    {
        get
        {
            var b = new NpgsqlConnectionStringBuilder(ConnectionString);
            return $"postgres://{Uri.EscapeDataString(b.Username!)}:{Uri.EscapeDataString(b.Password ?? "")}@{b.Host}:{b.Port}/{b.Database}";
        }
    }

    public string Password => new NpgsqlConnectionStringBuilder(ConnectionString).Password ?? "";

    private static string Server => Environment.GetEnvironmentVariable(ServerVariable) is { Length: > 0 } server ? server : DefaultServer;

    /// <summary>The server with its password masked, for prerequisite messages.</summary>
    public static string DescribeServer() =>
        new NpgsqlConnectionStringBuilder(Server) { Password = "***" }.ConnectionString;

    public static Task<bool> IsReachableAsync() => Reachable.Value;

    /// <summary>Creates the database; skips (fails under CI) when the server does not answer.</summary>
    public static async Task<ScratchDatabase> CreateAsync(string prefix = "tiktimer_test")
    {
        Prerequisite.Require(
            await IsReachableAsync(),
            $"PostgreSQL ({ServerVariable} or {DescribeServer()})",
            "Install and start PostgreSQL (apt-get install -y postgresql; pg_ctlcluster 15 main start) and create the role: " +
            "CREATE ROLE tiktimer LOGIN CREATEDB PASSWORD 'tiktimer-pw-local';");
        var name = $"{prefix}_{Guid.NewGuid():N}";
        await ExecuteOnServerAsync($"CREATE DATABASE \"{name}\"");
        return new ScratchDatabase(name, new NpgsqlConnectionStringBuilder(Server) { Database = name }.ConnectionString);
    }

    public async Task<T> ScalarAsync<T>(string sql, params object[] parameters)
    {
        await using var connection = await OpenAsync();
        await using var command = Command(sql, connection, parameters);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    public async Task<int> ExecuteAsync(string sql, params object[] parameters)
    {
        await using var connection = await OpenAsync();
        await using var command = Command(sql, connection, parameters);
        return await command.ExecuteNonQueryAsync();
    }

    public async Task DropAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await ExecuteOnServerAsync($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)");
    }

    public ValueTask DisposeAsync() => new(DropAsync());

    private async Task<NpgsqlConnection> OpenAsync()
    {
        var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    private static NpgsqlCommand Command(string sql, NpgsqlConnection connection, object[] parameters)
    {
        var command = new NpgsqlCommand(sql, connection);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        return command;
    }

    private static async Task ExecuteOnServerAsync(string sql)
    {
        await using var admin = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(Server) { Pooling = false }.ConnectionString);
        await admin.OpenAsync();
        await using var command = new NpgsqlCommand(sql, admin);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<bool> CheckReachableAsync()
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
}
