using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Http;
using TikTimer.Delivery.Docker;
using TikTimer.Delivery.Local;
using TikTimer.Delivery.Processes;
using TikTimer.Delivery.Reporting;
using TikTimer.Delivery.Rollout;
using TikTimer.Delivery.Tests.Smoke;
using TikTimer.Delivery.Polling;

namespace TikTimer.Delivery.Tests.Local;

/// <summary>
/// Blue/green on the Docker engine that proves what it claims: nothing else answers for the
/// new container, and the last smoke-tested container stays the rollback point. Free ports,
/// a service name of its own per test.
/// </summary>
[Category("Integration")]
[NonParallelizable]
public class LocalBlueGreenProofTests
{
    private LocalTestImages _images = null!;
    private HttpClient _http = null!;
    private string _service = null!;
    private string _state = null!;

    [OneTimeSetUp]
    public async Task BuildImages()
    {
        LocalTestImages.Require();
        _http = new HttpClient();
        _images = await LocalTestImages.BuildAsync();
    }

    [OneTimeTearDown]
    public async Task RemoveImages()
    {
        _http?.Dispose();
        if (_images is not null)
        {
            await _images.DisposeAsync();
        }
    }

    [SetUp]
    public void NewService()
    {
        _service = $"proof-{Guid.NewGuid():N}"[..14];
        _state = Directory.CreateTempSubdirectory("tiktimer-local-state-").FullName;
    }

    [TearDown]
    public async Task RemoveContainers()
    {
        await TestContainers.RemoveAsync(LocalLabels.Service, _service);
        Directory.Delete(_state, recursive: true);
    }

    [Test]
    public async Task Another_process_listening_on_the_target_port_fails_the_rollout_before_a_container_starts()
    {
        await using var squatter = await LocalHttpServer.StartAsync(context => context.Response.WriteAsync("""{"status":"healthy"}"""));
        var (runner, _, _) = Create([squatter.BaseUrl.Port, FreePort()]);

        var error = Assert.ThrowsAsync<DeploymentFailedException>(() => runner.DeployAsync([Request(_images.Slow)]));

        Assert.That(error!.Message, Does.Contain($"port {squatter.BaseUrl.Port}").And.Contain("already in use"));
        Assert.That(await TestContainers.OfServiceAsync(_service), Is.Empty, "no container was started");
    }

    [Test]
    public async Task The_last_smoke_tested_container_stays_the_rollback_point_after_an_unverified_deploy()
    {
        var (runner, locator, log, platform) = CreateWithPlatform([FreePort(), FreePort()]);
        var verified = (await runner.DeployAsync([Request(_images.Healthy)])).Rollouts.Single();
        await platform.MarkVerifiedAsync(_service, verified.RevisionId, CancellationToken.None);
        var unverified = (await runner.DeployAsync([Request(_images.Healthy)])).Rollouts.Single(); // its smoke test never ran (Ctrl-C)

        var error = Assert.ThrowsAsync<DeploymentFailedException>(() => runner.DeployAsync([Request(_images.Crash)]));

        var containers = await TestContainers.OfServiceAsync(_service);
        Assert.That(containers.Select(c => c.Name), Does.Contain(verified.RevisionId), "the verified container was kept");
        Assert.That(containers.Single(c => c.Name == verified.RevisionId).Running, Is.True, "and serves again after the rollback");
        Assert.That(error!.Message, Does.Contain($"{verified.RevisionId} is serving again"));
        Assert.That(await HealthAsync(await locator.FindServingAsync(_service)), Is.EqualTo(HttpStatusCode.OK));
        Assert.That(containers.Where(c => c.Running).Select(c => c.Name), Is.EqualTo(new[] { verified.RevisionId }), log.Text);
        Assert.That(unverified.PreviousRevisionId, Is.EqualTo(verified.RevisionId));
    }

    [Test]
    public async Task A_deploy_of_an_image_that_cannot_be_had_removes_neither_the_rollback_point_nor_what_serves()
    {
        var (runner, locator, log, platform) = CreateWithPlatform([FreePort(), FreePort()]);
        var verified = (await runner.DeployAsync([Request(_images.Healthy)])).Rollouts.Single();
        await platform.MarkVerifiedAsync(_service, verified.RevisionId, CancellationToken.None);
        var serving = (await runner.DeployAsync([Request(_images.Healthy)])).Rollouts.Single(); // never smoke-tested
        var missing = $"127.0.0.1:{FreePort()}/nothing-here@sha256:{new string('0', 64)}";

        var error = Assert.ThrowsAsync<DeploymentFailedException>(() => runner.DeployAsync([Request(missing)]));

        var containers = await TestContainers.OfServiceAsync(_service);
        Assert.That(error!.Message, Does.Contain("could not start the rollout").And.Contain(missing));
        Assert.That(containers.Select(c => c.Name), Is.EquivalentTo(new[] { verified.RevisionId, serving.RevisionId }), log.Text);
        Assert.That(containers.Where(c => c.Running).Select(c => c.Name), Is.EqualTo(new[] { serving.RevisionId }), "what served still serves");
        Assert.That(await HealthAsync(await locator.FindServingAsync(_service)), Is.EqualTo(HttpStatusCode.OK));
    }

    private (DeployRunner Runner, LocalServiceLocator Locator, RecordingDeliveryLog Log) Create(IReadOnlyList<int> ports)
    {
        var (runner, locator, log, _) = CreateWithPlatform(ports);
        return (runner, locator, log);
    }

    private (DeployRunner Runner, LocalServiceLocator Locator, RecordingDeliveryLog Log, LocalServiceRolloutPlatform Platform) CreateWithPlatform(IReadOnlyList<int> ports)
    {
        var log = new RecordingDeliveryLog();
        var docker = new DockerCli(new ProcessRunner(), log);
        var options = new LocalServiceOptions
        {
            Ports = ports,
            ContainerNamePrefix = "tiktimer-test",
            HealthGrace = TimeSpan.FromSeconds(8),
            StopGrace = TimeSpan.FromSeconds(1),
            StateDirectory = _state,
        };
        var platform = new LocalServiceRolloutPlatform(docker, log, _http, options);
        var rollout = new RolloutOptions
        {
            Timeout = TimeSpan.FromSeconds(30),
            RollbackTimeout = TimeSpan.FromSeconds(30),
            Polling = AdaptivePollingSchedule.Default with { QuickInterval = TimeSpan.FromMilliseconds(250) },
        };
        return (new DeployRunner(platform, log, rollout), new LocalServiceLocator(docker, _http, options), log, platform);
    }

    private ServiceRolloutRequest Request(string image) => new(_service, "api", image);

    private async Task<HttpStatusCode?> HealthAsync(Uri? baseUrl)
    {
        if (baseUrl is null)
        {
            return null;
        }

        try
        {
            using var response = await _http.GetAsync(new Uri(baseUrl, "health"));
            return response.StatusCode;
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
