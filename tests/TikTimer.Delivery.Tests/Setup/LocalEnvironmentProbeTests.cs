using System.Net;
using System.Net.Sockets;
using TikTimer.Delivery.Configuration;
using TikTimer.Delivery.Docker;
using TikTimer.Delivery.Processes;
using TikTimer.Delivery.Reporting;
using TikTimer.Delivery.Setup;
using TikTimer.Testing;

namespace TikTimer.Delivery.Tests.Setup;

/// <summary>The probe against the machine's real Docker engine, registry and PostgreSQL.</summary>
[Category("Integration")]
public class LocalEnvironmentProbeTests
{
    private static DeliverySettings LocalSettings() =>
        SettingsResolver.Resolve(new SettingsInputs(new Dictionary<string, string>(), _ => null, Directory.GetCurrentDirectory()) { Tasks = [] }).Settings;

    private static LocalEnvironmentProbe Probe(DeliverySettings settings) =>
        new(settings, new DockerCli(new ProcessRunner(), new RecordingDeliveryLog()));

    [Test]
    public async Task With_the_local_environment_up_nothing_is_missing()
    {
        var missing = await Probe(LocalSettings()).MissingAsync(CancellationToken.None);

        Prerequisite.Require(missing.Count == 0, string.Join(", ", missing), "Run scripts/setup-local.sh (./build.sh --target=Test does).");
        Assert.That(missing, Is.Empty);
    }

    [Test]
    public async Task A_registry_and_a_database_where_nothing_listens_are_named_with_their_address()
    {
        var (registryPort, databasePort) = (UnusedPort(), UnusedPort());
        var settings = LocalSettings() with
        {
            Registry = $"127.0.0.1:{registryPort}",
            DatabaseUrl = $"postgres://u:p@127.0.0.1:{databasePort}/db",
        };

        var missing = await Probe(settings).MissingAsync(CancellationToken.None);

        Assert.That(missing, Does.Contain($"the registry on 127.0.0.1:{registryPort}").And.Contain($"PostgreSQL on 127.0.0.1:{databasePort}"));
    }

    private static int UnusedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
