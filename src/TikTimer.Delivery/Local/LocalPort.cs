using System.Net;
using System.Net.Sockets;

namespace TikTimer.Delivery.Local;

/// <summary>Whether a loopback port is free to listen on, checked by listening on it for a moment.</summary>
internal static class LocalPort
{
    public static bool IsFree(int port)
    {
        try
        {
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            socket.Bind(new IPEndPoint(IPAddress.Loopback, port));
            socket.Listen(1);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
