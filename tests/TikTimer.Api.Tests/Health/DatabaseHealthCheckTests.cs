using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using TikTimer.Api.Health;

namespace TikTimer.Api.Tests.Health;

public class DatabaseHealthCheckTests
{
    [Test]
    public async Task A_database_that_accepts_connections_but_never_answers_is_unreachable_after_the_timeout()
    {
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var accepted = new List<TcpClient>();
        _ = Task.Run(async () =>
        {
            while (true)
            {
                accepted.Add(await silent.AcceptTcpClientAsync());
            }
        });
        var port = ((IPEndPoint)silent.LocalEndpoint).Port;
        await using var dataSource = NpgsqlDataSource.Create($"Host=127.0.0.1;Port={port};Username=u;Timeout=60;Pooling=false");
        var clock = new FakeTimeProvider();
        var check = new DatabaseHealthCheck(dataSource, new HealthCheckOptions(), NullLogger<DatabaseHealthCheck>.Instance, clock);

        var result = check.IsDatabaseReachableAsync(CancellationToken.None);
        Assert.That(result.IsCompleted, Is.False);
        clock.Advance(TimeSpan.FromSeconds(2));

        Assert.That(await result.WaitAsync(TimeSpan.FromSeconds(20)), Is.False);
    }

    [Test]
    public void The_callers_cancellation_is_not_reported_as_unhealthy()
    {
        using var dataSource = NpgsqlDataSource.Create($"Host=127.0.0.1;Port={FreePort.Closed()};Username=u");
        var check = new DatabaseHealthCheck(dataSource, new HealthCheckOptions(), NullLogger<DatabaseHealthCheck>.Instance);

        Assert.That(async () => await check.IsDatabaseReachableAsync(new CancellationToken(canceled: true)),
            Throws.InstanceOf<OperationCanceledException>());
    }

    [TestCase(0)]
    [TestCase(31)]
    public void A_timeout_outside_zero_to_thirty_seconds_is_refused(int seconds)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new HealthCheckOptions { Timeout = TimeSpan.FromSeconds(seconds) }.Validated());
    }
}
