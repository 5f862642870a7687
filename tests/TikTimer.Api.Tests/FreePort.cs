using System.Net;
using System.Net.Sockets;

namespace TikTimer.Api.Tests;

internal static class FreePort
{
    /// <summary>A port nothing listens on right now: connecting to it is refused at once.</summary>
    public static int Closed()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
