// What asking for ECS's service-deployment record costs a Deploy against plain moto_server, which
// does not implement it (HTTP 500, an HTML page): the probe is measured against a baseline of one
// ordinary ECS round trip (DescribeServices) in the same run, with the client's default retries.
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using TikTimer.Delivery.Aws;
using TikTimer.Delivery.Aws.Ecs;
using TikTimer.Delivery.Reporting;

const int Rounds = 20;
var port = FreePort();
using var moto = Process.Start(new ProcessStartInfo("moto_server", ["-H", "127.0.0.1", "-p", port.ToString(CultureInfo.InvariantCulture)])
{
    RedirectStandardOutput = true,
    RedirectStandardError = true,
})!;

// moto logs a traceback per HTML 500: drain its output, or a full pipe stalls it.
moto.OutputDataReceived += (_, _) => { };
moto.ErrorDataReceived += (_, _) => { };
moto.BeginOutputReadLine();
moto.BeginErrorReadLine();
try
{
    var log = new RecordingDeliveryLog();
    using var aws = AwsClientFactory.Create(
        new AwsClientOptions { Region = "us-east-1", EndpointUrl = new Uri($"http://127.0.0.1:{port}"), Credentials = new AwsCredentials("testing", "testing") },
        log: log);
    await WaitForAsync(aws);

    var baseline = await TimeAsync(async () =>
    {
        try
        {
            await aws.Ecs.DescribeServicesAsync(new DescribeServicesRequest("default", ["api"]));
        }
        catch (AwsServiceException)
        {
            // No such cluster: an ordinary answer, one round trip.
        }
    });
    var attemptsBefore = Attempts(log);
    var probe = await TimeAsync(async () =>
    {
        try
        {
            await aws.Ecs.ListServiceDeploymentsAsync(new ListServiceDeploymentsRequest("api"));
            throw new InvalidOperationException("moto answered ListServiceDeployments: this bench measures the fallback");
        }
        catch (AwsServiceException error) when (error.HttpStatus == 500)
        {
            // What Deploy reads as "not available here" (ServiceDeploymentTracker).
        }
    });
    var attempts = (Attempts(log) - attemptsBefore) / (double)Rounds;

    Console.WriteLine($"DescribeServices (baseline):          {Ms(baseline)} per call");
    Console.WriteLine($"ListServiceDeployments (moto: HTML 500): {Ms(probe)} per call, {attempts:0.0} attempt(s) each");
    Console.WriteLine($"probe / baseline:                     {(probe / baseline).ToString("0.00", CultureInfo.InvariantCulture)} (a Deploy probes once per run)");
    return attempts == 1 ? 0 : 1;
}
finally
{
    moto.Kill(entireProcessTree: true);
    await moto.WaitForExitAsync();
}

static async Task<TimeSpan> TimeAsync(Func<Task> call)
{
    var watch = Stopwatch.StartNew();
    for (var i = 0; i < Rounds; i++)
    {
        await call();
    }

    return watch.Elapsed / Rounds;
}

static int Attempts(RecordingDeliveryLog log) => log.Lines.Count(l => l.Contains("ListServiceDeployments: HTTP", StringComparison.Ordinal));

static string Ms(TimeSpan time) => time.TotalMilliseconds.ToString("0.0", CultureInfo.InvariantCulture) + " ms";

static async Task WaitForAsync(AwsClients aws)
{
    for (var i = 0; ; i++)
    {
        try
        {
            // The first ECS call is slow (moto loads the service); it is not part of the measurement.
            await aws.Ecs.DescribeServicesAsync(new DescribeServicesRequest("default", ["api"]));
            return;
        }
        catch (AwsServiceException)
        {
            return;
        }
        catch (AwsTransportException) when (i < 100)
        {
            await Task.Delay(100);
        }
    }
}

static int FreePort()
{
    using var listener = new TcpListener(IPAddress.Loopback, 0);
    listener.Start();
    return ((IPEndPoint)listener.LocalEndpoint).Port;
}
