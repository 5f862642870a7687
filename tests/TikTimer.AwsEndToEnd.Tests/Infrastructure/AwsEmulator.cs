using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using TikTimer.Delivery.Aws;
using TikTimer.Testing;

namespace TikTimer.AwsEndToEnd.Tests.Infrastructure;

/// <summary>
/// The project's AWS emulator (emulator/tiktimer-emulator: moto_server plus the fidelity layer)
/// on a free 127.0.0.1 port, with its own ECR registry. Stopped by its PID; it removes every
/// container it started (label <c>tiktimer.emulator=INSTANCE</c>) and its registry's images.
/// Its standard input stays open while the fixture lives: a test host that dies closes it,
/// and the emulator cleans up and exits on its own.
/// </summary>
internal sealed class AwsEmulator : IAsyncDisposable
{
    public const string Account = "123456789012";
    public const string Region = "us-east-1";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly Process _process;
    private readonly StringBuilder _output;

    private AwsEmulator(Process process, int port, string instance, StringBuilder output)
    {
        _process = process;
        _output = output;
        Instance = instance;
        Endpoint = new Uri($"http://127.0.0.1:{port}");
    }

    public Uri Endpoint { get; }

    /// <summary>Label value and name prefix of the containers the emulator starts.</summary>
    public string Instance { get; }

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

    /// <summary>The registry ECR's repositories live on (<c>127.0.0.1:PORT</c>), as the emulator printed it.</summary>
    public string Registry => System.Text.RegularExpressions.Regex.Match(Output, @"ECR on registry (\S+)\)").Groups[1].Value;

    public static async Task<AwsEmulator> StartAsync(string repositoryRoot)
    {
        var script = Path.Combine(repositoryRoot, "emulator", "tiktimer-emulator");
        Prerequisite.Require(
            ProgramOnPath("moto_server") && ProgramOnPath("python3"),
            "moto 5.2.1 with its server (moto_server) and python3",
            "The machine image ships them; elsewhere: pip install 'moto[server]==5.2.1'.");
        Prerequisite.Require(
            ProgramOnPath("docker-registry") && ProgramOnPath("htpasswd") && ProgramOnPath("docker"),
            "docker, docker-registry and htpasswd (the emulator's ECR)",
            "Run scripts/setup-local.sh (apt-get install docker.io docker-registry apache2-utils).");

        var port = FreePort();
        var instance = $"tiktimer-emu-{Guid.NewGuid():N}"[..24];
        var start = new ProcessStartInfo("python3")
        {
            ArgumentList = { script, "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--instance", instance, "--stop-timeout", "5", "--exit-on-stdin-eof" },
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var output = new StringBuilder();
        var process = new Process { StartInfo = start };
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
        var emulator = new AwsEmulator(process, port, instance, output);

        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < StartTimeout)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"tiktimer-emulator exited with {process.ExitCode}: {emulator.Output}");
            }

            if (emulator.Output.Contains("listening on", StringComparison.Ordinal) && await IsListeningAsync(port))
            {
                return emulator;
            }

            await Task.Delay(100);
        }

        await emulator.DisposeAsync();
        throw new InvalidOperationException($"tiktimer-emulator did not listen on 127.0.0.1:{port} within {StartTimeout.TotalSeconds} s: {emulator.Output}");
    }

    /// <summary>The suite's own AWS client, pointed at the emulator, for looking at what a run left.</summary>
    public AwsClients Clients() => AwsClientFactory.Create(new AwsClientOptions
    {
        Region = Region,
        EndpointUrl = Endpoint,
        Credentials = new AwsCredentials("testing", "testing"),
        MaxAttempts = 1,
    });

    /// <summary>
    /// What points an AWS client at the emulator, the SDK way (the suite and Terraform's
    /// provider both read it): the endpoint and the test keys; profiles and regions of the
    /// user's own configuration are cut off.
    /// </summary>
    public IReadOnlyDictionary<string, string?> ClientEnvironment() => new Dictionary<string, string?>(StringComparer.Ordinal)
    {
        ["AWS_ENDPOINT_URL"] = Endpoint.ToString().TrimEnd('/'),
        ["AWS_ACCESS_KEY_ID"] = "testing",
        ["AWS_SECRET_ACCESS_KEY"] = "testing",
        ["AWS_SESSION_TOKEN"] = null,
        ["AWS_PROFILE"] = null,
        ["AWS_DEFAULT_PROFILE"] = null,
        ["AWS_CONFIG_FILE"] = null,
        ["AWS_SHARED_CREDENTIALS_FILE"] = null,
        ["AWS_REGION"] = null,
        ["AWS_DEFAULT_REGION"] = null,
        ["AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"] = null,
        ["AWS_EC2_METADATA_DISABLED"] = "true",
    };

    /// <summary>
    /// Switches the ECS service-deployment operations: "on", "moto" (plain moto 5.2.1's HTTP 500 page)
    /// or an AWS error code such as "AccessDeniedException". The records are kept either way.
    /// </summary>
    public async Task ServeServiceDeploymentsAsync(string mode)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        using var body = new StringContent($$"""{"mode":"{{mode}}"}""", Encoding.UTF8, "application/json");
        using var response = await http.PostAsync(new Uri(Endpoint, "/tiktimer-emulator/service-deployments"), body);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>The emulator's containers still present (running or not), for the no-leftovers check.</summary>
    public async Task<string[]> ContainersAsync()
    {
        var start = new ProcessStartInfo("docker") { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in new[] { "ps", "-aq", "--filter", $"label=tiktimer.emulator={Instance}" })
        {
            start.ArgumentList.Add(argument);
        }

        using var docker = Process.Start(start)!;
        var text = await docker.StandardOutput.ReadToEndAsync();
        await docker.WaitForExitAsync();
        return text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                // Closing its input is the emulator's signal to clean up and exit.
                _process.StandardInput.Close();
                using var graceful = new CancellationTokenSource(TimeSpan.FromSeconds(90));
                try
                {
                    await _process.WaitForExitAsync(graceful.Token);
                }
                catch (OperationCanceledException)
                {
                    _process.Kill(entireProcessTree: true);
                    await _process.WaitForExitAsync();
                }
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        _process.Dispose();
    }

    private static bool ProgramOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Any(directory => File.Exists(Path.Combine(directory, name)));

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
            await client.ConnectAsync(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
