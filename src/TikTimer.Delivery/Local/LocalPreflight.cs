using System.Net.Sockets;
using TikTimer.Delivery.Configuration;
using TikTimer.Delivery.Reporting;
using TikTimer.Delivery.Validation;

namespace TikTimer.Delivery.Local;

/// <summary>What the local platform needs before the chain starts: the registry and PostgreSQL answering.</summary>
internal static class LocalPreflight
{
    public static IEnumerable<IPrerequisiteCheck> Checks(DeliverySettings settings, IDeliveryLog log)
    {
        yield return new DelegateCheck($"local registry {settings.Registry} answers and accepts the credentials", ct => RegistryAsync(settings, log, ct));
        yield return new DelegateCheck("local PostgreSQL reachable", ct => DatabaseAsync(settings, ct));
    }

    private static async Task<string?> RegistryAsync(DeliverySettings settings, IDeliveryLog log, CancellationToken cancellationToken)
    {
        try
        {
            using var registry = LocalRegistryAccess.Open(settings, log, "Validate");
            await registry.EnsureRepositoryAsync(cancellationToken).ConfigureAwait(false);
            return null;
        }
        catch (DeliveryException ex)
        {
            return ex.Message + " Run scripts/setup-local.sh to start the local registry.";
        }
    }

    private static async Task<string?> DatabaseAsync(DeliverySettings settings, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(settings.DatabaseUrl, UriKind.Absolute, out var url) || url.Host.Length == 0)
        {
            return "database-url is not a postgres://user:password@host:port/database URL. Set TIKTIMER_DATABASE_URL (a bare DATABASE_URL is deliberately not read) or \"database-url\" in the environment file.";
        }

        var port = url.Port > 0 ? url.Port : 5432;
        try
        {
            using var client = new TcpClient();
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(5));
            await client.ConnectAsync(url.Host, port, timeout.Token).ConfigureAwait(false);
            return null;
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return $"nothing answers on {url.Host}:{port}. Start PostgreSQL (scripts/setup-local.sh does) or fix --database-url.";
        }
    }
}
