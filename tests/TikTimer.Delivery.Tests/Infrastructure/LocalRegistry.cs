using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using TikTimer.Delivery.Local;
using TikTimer.Testing;

namespace TikTimer.Delivery.Tests.Infrastructure;

/// <summary>
/// A real distribution registry (Debian <c>docker-registry</c>) on a free
/// 127.0.0.1 port with htpasswd (bcrypt) auth and storage in a temp directory.
/// Stopped by PID and removed on dispose.
/// </summary>
public sealed class LocalRegistry : IAsyncDisposable
{
    public const string Executable = "/usr/bin/docker-registry";
    /// <summary>The default user; <see cref="StartAsync"/> can take others (e.g. the AWS user an ECR token decodes to).</summary>
    public const string Username = "pusher";

    private readonly Process _process;
    private readonly DirectoryInfo _root;

    private LocalRegistry(Process process, DirectoryInfo root, int port, string user, string password)
    {
        _process = process;
        _root = root;
        Port = port;
        User = user;
        Password = password;
    }

    public int Port { get; }

    public string Address => $"127.0.0.1:{Port}";

    public string User { get; }

    public string Password { get; }

    public static bool IsInstalled => File.Exists(Executable) && File.Exists("/usr/bin/htpasswd");

    public static void Require() => Prerequisite.Require(
        IsInstalled,
        "The distribution registry (docker-registry) and htpasswd",
        "Install them: apt-get install docker-registry apache2-utils");

    public LocalRegistryOptions Options(string repository) => new(Address, repository, User, Password);

    /// <param name="user">The htpasswd user; default <see cref="Username"/>.</param>
    /// <param name="password">The htpasswd password; default a fresh random one.</param>
    public static async Task<LocalRegistry> StartAsync(string user = Username, string? password = null)
    {
        var root = Directory.CreateTempSubdirectory("tiktimer-registry-");
        password ??= "pw-" + Guid.NewGuid().ToString("N");
        var port = FreePort();
        await File.WriteAllTextAsync(Path.Combine(root.FullName, "htpasswd"), await HtpasswdAsync(user, password));
        var config = Path.Combine(root.FullName, "config.yml");
        await File.WriteAllTextAsync(config, $"""
            version: 0.1
            log:
              level: warn
            storage:
              filesystem:
                rootdirectory: {Path.Combine(root.FullName, "data")}
              delete:
                enabled: true
            http:
              addr: 127.0.0.1:{port}
            auth:
              htpasswd:
                realm: tiktimer-tests
                path: {Path.Combine(root.FullName, "htpasswd")}
            """);

        var startInfo = new ProcessStartInfo(Executable) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        startInfo.ArgumentList.Add("serve");
        startInfo.ArgumentList.Add(config);
        var process = Process.Start(startInfo)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var registry = new LocalRegistry(process, root, port, user, password);
        try
        {
            await registry.WaitUntilAnsweringAsync();
            return registry;
        }
        catch
        {
            await registry.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }
        finally
        {
            _process.Dispose();
            _root.Delete(recursive: true);
        }
    }

    // Readiness polling of a helper process, not timing logic under test.
    private async Task WaitUntilAnsweringAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"docker-registry exited with code {_process.ExitCode} at start.");
            }

            try
            {
                using var response = await http.GetAsync(new Uri($"http://{Address}/v2/"));
                if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"docker-registry did not answer on {Address} within 20 s.");
    }

    private static async Task<string> HtpasswdAsync(string user, string password)
    {
        // -i reads the password from stdin; bcrypt (-B) is the only hash the registry accepts.
        var startInfo = new ProcessStartInfo("/usr/bin/htpasswd") { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in new[] { "-B", "-i", "-n", user })
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var process = Process.Start(startInfo)!;
        await process.StandardInput.WriteAsync(password);
        process.StandardInput.Close();
        var line = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return process.ExitCode == 0 ? line : throw new InvalidOperationException("htpasswd failed.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
