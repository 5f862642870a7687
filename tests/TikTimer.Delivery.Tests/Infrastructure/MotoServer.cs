using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using TikTimer.Delivery.Aws;
using TikTimer.Testing;

namespace TikTimer.Delivery.Tests.Infrastructure;

/// <summary>
/// A moto_server process on a free 127.0.0.1 port, for tests that need the real AWS wire
/// protocol. Start one per fixture (<see cref="StartAsync"/>), dispose it in the teardown:
/// it is stopped by its PID. See /work/shared/notes/moto.md for what moto models.
/// </summary>
public sealed class MotoServer : IAsyncDisposable
{
    public const string Account = "123456789012";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    private readonly Process _process;
    private readonly StringBuilder _output;
    private readonly HttpClient _http;

    private MotoServer(Process process, int port, StringBuilder output)
    {
        _process = process;
        _output = output;
        Port = port;
        Endpoint = new Uri($"http://127.0.0.1:{port}");
        _http = new HttpClient { BaseAddress = Endpoint, Timeout = TimeSpan.FromSeconds(30) };
    }

    public int Port { get; }

    public Uri Endpoint { get; }

    public int ProcessId => _process.Id;

    /// <summary>What the server printed so far, for assertion messages.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>The moto_server executable on PATH, or null.</summary>
    public static string? FindExecutable()
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        return path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, "moto_server"))
            .FirstOrDefault(File.Exists);
    }

    /// <summary>
    /// Starts moto, or skips the test when it is not installed (fails under CI=true).
    /// <paramref name="environment"/> adds variables such as INITIAL_NO_AUTH_ACTION_COUNT
    /// or MOTO_ECS_SERVICE_RUNNING.
    /// </summary>
    public static async Task<MotoServer> StartAsync(IReadOnlyDictionary<string, string>? environment = null)
    {
        var executable = FindExecutable();
        Prerequisite.Require(
            executable is not null,
            "moto_server (moto 5 with its server extra)",
            "Install it with: pip install 'moto[server]==5.2.1' (CI installs it in .ci/run).");

        Exception? lastError = null;
        for (var attempt = 0; attempt < 3; attempt++)
        {
            try
            {
                return await StartOnFreePortAsync(executable!, environment).ConfigureAwait(false);
            }
            catch (InvalidOperationException error)
            {
                // Another process can take the port between our probe and moto's bind.
                lastError = error;
            }
        }

        throw new InvalidOperationException("moto_server did not start after 3 attempts.", lastError);
    }

    /// <summary>Client options for this server: fixed test credentials, one attempt per call.</summary>
    public AwsClientOptions ClientOptions(string region = "us-east-1") => new()
    {
        Region = region,
        EndpointUrl = Endpoint,
        Credentials = new AwsCredentials("testing", "testing"),

        // moto answers some bad requests with 500; retrying those only leaks state (moto.md).
        MaxAttempts = 1,
    };

    /// <summary>Clears every backend (not the state-manager transitions).</summary>
    public Task ResetAsync() => PostAsync("/moto-api/reset", "{}");

    /// <summary>
    /// Sets how a model advances, e.g. <c>SetTransitionAsync("ecs::task", """{"progression":"manual","times":3}""")</c>.
    /// Global and not cleared by reset: undo it with <see cref="UnsetTransitionAsync"/>.
    /// </summary>
    public Task SetTransitionAsync(string modelName, string transitionJson) =>
        PostAsync("/moto-api/state-manager/set-transition", $$"""{"model_name":"{{modelName}}","transition":{{transitionJson}}}""");

    public Task UnsetTransitionAsync(string modelName) =>
        PostAsync("/moto-api/state-manager/unset-transition", $$"""{"model_name":"{{modelName}}"}""");

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromSeconds(10)).Token).ConfigureAwait(false);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        _process.Dispose();
    }

    private static async Task<MotoServer> StartOnFreePortAsync(string executable, IReadOnlyDictionary<string, string>? environment)
    {
        var port = FreePort();
        var start = new ProcessStartInfo(executable)
        {
            ArgumentList = { "-H", "127.0.0.1", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        var output = new StringBuilder();
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        void Append(object? sender, DataReceivedEventArgs e)
        {
            if (e.Data is not null)
            {
                lock (output)
                {
                    output.AppendLine(e.Data);
                }
            }
        }

        process.OutputDataReceived += Append;
        process.ErrorDataReceived += Append;
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var server = new MotoServer(process, port, output);
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < StartTimeout)
        {
            if (process.HasExited)
            {
                await server.DisposeAsync().ConfigureAwait(false);
                throw new InvalidOperationException($"moto_server exited with {process.ExitCode}: {output}");
            }

            if (await IsListeningAsync(port).ConfigureAwait(false))
            {
                return server;
            }

            await Task.Delay(100).ConfigureAwait(false);
        }

        await server.DisposeAsync().ConfigureAwait(false);
        throw new InvalidOperationException($"moto_server did not listen on 127.0.0.1:{port} within {StartTimeout.TotalSeconds} s: {output}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task<bool> IsListeningAsync(int port)
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, port).ConfigureAwait(false);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private async Task PostAsync(string path, string json)
    {
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        using var response = await _http.PostAsync(path, content).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"moto {path} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync().ConfigureAwait(false)}");
        }
    }
}
