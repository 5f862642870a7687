using Npgsql;

namespace TikTimer.Api.Health;

/// <summary>Answers "does the database answer <c>SELECT 1</c> within the timeout?".</summary>
public sealed class DatabaseHealthCheck
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly HealthCheckOptions _options;
    private readonly ILogger<DatabaseHealthCheck> _logger;
    private readonly TimeProvider _timeProvider;

    public DatabaseHealthCheck(
        NpgsqlDataSource dataSource,
        HealthCheckOptions options,
        ILogger<DatabaseHealthCheck> logger,
        TimeProvider? timeProvider = null)
    {
        _dataSource = dataSource;
        _options = options.Validated();
        _logger = logger;
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <returns>True when the database answered in time; false for any failure or our timeout.</returns>
    /// <exception cref="OperationCanceledException">Only when <paramref name="cancellationToken"/> (the caller) cancelled.</exception>
    public async Task<bool> IsDatabaseReachableAsync(CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(_options.Timeout, _timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                // The driver does not honour cancellation in every phase of a connect;
                // WaitAsync makes the timeout hold whatever the driver is doing.
                return await AnswersAsync(linked.Token).WaitAsync(linked.Token);
            }
            catch (Exception) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            catch (Exception error) when (timeout.IsCancellationRequested)
            {
                _logger.LogWarning("Database health check timed out after {Timeout}: {Error}", _options.Timeout, error.GetType().Name);
                return false;
            }
            catch (Exception error) when (attempt == 1)
            {
                // After a database restart or failover every idle pooled connection is dead, and the
                // first probe would fail on one although the database is back. Drop them and ask
                // once more on a fresh connection, within the same timeout.
                _logger.LogInformation("Database health check retrying on a fresh connection after: {Error}", error.Message);
                _dataSource.Clear();
            }
            catch (Exception error)
            {
                // Any failure means "not healthy". Npgsql's messages name host, port and user, never
                // the password; they stay in the server log and out of the HTTP response.
                _logger.LogWarning("Database health check failed: {Error}", error.Message);
                return false;
            }
        }
    }

    private async Task<bool> AnswersAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand("SELECT 1", connection);
        return await command.ExecuteScalarAsync(cancellationToken) is 1;
    }
}
