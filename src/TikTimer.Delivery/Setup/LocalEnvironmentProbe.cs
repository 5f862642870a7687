using System.Net.Sockets;
using TikTimer.Delivery.Configuration;
using TikTimer.Delivery.Docker;

namespace TikTimer.Delivery.Setup;

/// <summary>Tells which parts of the local environment are not running. Reads only; quick when all answer.</summary>
public interface ILocalEnvironmentProbe
{
    /// <summary>The parts that do not answer, named for a person (empty when all are up).</summary>
    Task<IReadOnlyList<string>> MissingAsync(CancellationToken cancellationToken);
}

/// <summary>
/// Probes the Docker engine, the registry and PostgreSQL the settings point at. Whether
/// they accept the credentials is Validate's question; this one only asks "is it running".
/// </summary>
public sealed class LocalEnvironmentProbe(DeliverySettings settings, DockerCli docker) : ILocalEnvironmentProbe
{
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(2);

    public async Task<IReadOnlyList<string>> MissingAsync(CancellationToken cancellationToken)
    {
        var missing = new List<string>();
        if (!await docker.IsAvailableAsync(cancellationToken).ConfigureAwait(false))
        {
            missing.Add("the Docker engine");
        }

        if (Endpoint("http://" + settings.Registry, 443) is { } registry && !await AnswersAsync(registry, cancellationToken).ConfigureAwait(false))
        {
            missing.Add($"the registry on {registry.Host}:{registry.Port}");
        }

        if (Endpoint(settings.DatabaseUrl, 5432) is { } database && !await AnswersAsync(database, cancellationToken).ConfigureAwait(false))
        {
            missing.Add($"PostgreSQL on {database.Host}:{database.Port}");
        }

        return missing;
    }

    private static (string Host, int Port)? Endpoint(string? url, int defaultPort) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Host.Length > 0
            ? (uri.Host, uri.IsDefaultPort || uri.Port <= 0 ? defaultPort : uri.Port)
            : null;

    private static async Task<bool> AnswersAsync((string Host, int Port) endpoint, CancellationToken cancellationToken)
    {
        try
        {
            using var client = new TcpClient();
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(ConnectTimeout);
            await client.ConnectAsync(endpoint.Host, endpoint.Port, timeout.Token).ConfigureAwait(false);
            return true;
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }
}
