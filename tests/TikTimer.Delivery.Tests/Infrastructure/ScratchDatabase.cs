using Npgsql;
using TikTimer.Testing;

namespace TikTimer.Delivery.Tests.Infrastructure;

/// <summary>
/// A throw-away database <c>tiktimer_delivery_test_&lt;guid&gt;</c> on the local PostgreSQL
/// (role tiktimer / tiktimer-local with CREATEDB, 127.0.0.1:5432), dropped on dispose.
/// </summary>
public sealed class ScratchDatabase : IAsyncDisposable
{
    private const string Server = "Host=127.0.0.1;Port=5432;Username=tiktimer;Password=tiktimer-local;Database=postgres;Pooling=false;Timeout=3";

    private static readonly Lazy<Task<bool>> Reachable = new(CheckReachableAsync);

    private ScratchDatabase(string name) => Name = name;

    public string Name { get; }

    /// <summary>The database as the container receives it: a secret.</summary>
    public string Url => $"postgres://tiktimer:tiktimer-local@127.0.0.1:5432/{Name}";

    public static async Task<ScratchDatabase> CreateAsync()
    {
        Prerequisite.Require(
            await Reachable.Value,
            "PostgreSQL on 127.0.0.1:5432 (role tiktimer)",
            "Install and start PostgreSQL (apt-get install -y postgresql; pg_ctlcluster 15 main start) and create the role: CREATE ROLE tiktimer LOGIN CREATEDB PASSWORD 'tiktimer-local';");
        var name = $"tiktimer_delivery_test_{Guid.NewGuid():N}";
        await ExecuteAsync($"CREATE DATABASE \"{name}\"");
        return new ScratchDatabase(name);
    }

    public ValueTask DisposeAsync() => new(ExecuteAsync($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)"));

    private static async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(Server);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<bool> CheckReachableAsync()
    {
        try
        {
            await using var connection = new NpgsqlConnection(Server);
            await connection.OpenAsync();
            return true;
        }
        catch (Exception error) when (error is NpgsqlException or TimeoutException)
        {
            return false;
        }
    }
}
