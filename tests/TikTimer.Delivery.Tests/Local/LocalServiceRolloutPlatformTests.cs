using System.Net;
using TikTimer.Delivery.Docker;
using TikTimer.Delivery.Local;
using TikTimer.Delivery.Processes;
using TikTimer.Delivery.Reporting;
using TikTimer.Delivery.Rollout;
using TikTimer.Delivery.Polling;

namespace TikTimer.Delivery.Tests.Local;

/// <summary>
/// The real DeployRunner driving blue/green containers on the Docker engine, on ports
/// 28080/28081 so a real local deploy (18080/18081) is left alone.
/// </summary>
[Category("Integration")]
[NonParallelizable]
public class LocalServiceRolloutPlatformTests
{
    private const int Blue = 28080;
    private const int Green = 28081;

    private LocalTestImages _images = null!;
    private HttpClient _http = null!;
    private string _service = null!;

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
    public void NewService() => _service = $"test-api-{Guid.NewGuid():N}"[..17];

    [TearDown]
    public Task RemoveContainers() => TestContainers.RemoveAsync(LocalLabels.Service, _service);

    [Test]
    public async Task A_first_deployment_serves_on_the_first_port()
    {
        var (runner, locator, _) = Create();

        var result = await runner.DeployAsync([Request(_images.Healthy)]);

        Assert.That(result.Rollouts.Single().PreviousRevisionId, Is.Null);
        Assert.That(await locator.FindServingAsync(_service), Is.EqualTo(new Uri($"http://127.0.0.1:{Blue}/")));
        Assert.That(await HealthAsync(Blue), Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task A_healthy_rollout_replaces_the_serving_container_on_the_other_port()
    {
        var (runner, locator, _) = Create();
        var first = (await runner.DeployAsync([Request(_images.Healthy)])).Rollouts.Single();

        var second = (await runner.DeployAsync([Request(_images.Healthy)])).Rollouts.Single();

        var containers = await TestContainers.OfServiceAsync(_service);
        Assert.That(second.PreviousRevisionId, Is.EqualTo(first.RevisionId));
        Assert.That(await locator.FindServingAsync(_service), Is.EqualTo(new Uri($"http://127.0.0.1:{Green}/")));
        Assert.That(containers.Single(c => c.Name == first.RevisionId).Running, Is.False, "the old one is stopped, kept for a rollback");
        Assert.That(containers.Single(c => c.Name == second.RevisionId).Running, Is.True);
        Assert.That(await HealthAsync(Blue), Is.Null, "nothing answers on the old port");
    }

    [Test]
    public async Task A_new_image_that_never_becomes_healthy_fails_and_the_old_one_keeps_serving()
    {
        var (runner, locator, log) = Create();
        var first = (await runner.DeployAsync([Request(_images.Healthy)])).Rollouts.Single();

        var error = Assert.ThrowsAsync<DeploymentFailedException>(() => runner.DeployAsync([Request(_images.Sick)]));

        Assert.That(error!.Failures.Single(), Does.Contain("not healthy").And.Contain("answered 404"));
        Assert.That(error.Rollbacks.Single().Succeeded, Is.True, error.Message);
        Assert.That(await locator.FindServingAsync(_service), Is.EqualTo(new Uri($"http://127.0.0.1:{Blue}/")));
        Assert.That((await TestContainers.OfServiceAsync(_service)).Select(c => c.Name), Is.EqualTo(new[] { first.RevisionId }), "the failed one is removed");
        Assert.That(log.Text, Does.Contain("serving without health"), "its log lines are shown as service events");
    }

    [Test]
    public async Task A_new_image_that_exits_at_once_fails_with_its_exit_code_and_last_lines()
    {
        var (runner, locator, log) = Create();
        await runner.DeployAsync([Request(_images.Healthy)]);

        var error = Assert.ThrowsAsync<DeploymentFailedException>(() => runner.DeployAsync([Request(_images.Crash)]));

        Assert.That(error!.Failures.Single(), Does.Contain("exited with code 2"));
        Assert.That(log.Text, Does.Contain("fatal: cannot reach the database"));
        Assert.That(error.Rollbacks.Single().Succeeded, Is.True, error.Message);
        Assert.That(await HealthAsync(Blue), Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task A_failed_first_deployment_has_nothing_to_roll_back_to_and_leaves_nothing_serving()
    {
        var (runner, locator, _) = Create();

        var error = Assert.ThrowsAsync<DeploymentFailedException>(() => runner.DeployAsync([Request(_images.Crash)]));

        Assert.That(error!.Rollbacks.Single().Succeeded, Is.False);
        Assert.That(await locator.FindServingAsync(_service), Is.Null);
    }

    [Test]
    public async Task Rolling_back_a_completed_rollout_starts_the_previous_container_again()
    {
        var (runner, locator, _) = Create();
        var first = (await runner.DeployAsync([Request(_images.Healthy)])).Rollouts.Single();
        var second = await runner.DeployAsync([Request(_images.Healthy)]);

        var reports = await runner.RollBackAsync(second.Rollouts);

        Assert.That(reports.Single().Succeeded, Is.True, reports.Single().Message);
        Assert.That(await locator.FindServingAsync(_service), Is.EqualTo(new Uri($"http://127.0.0.1:{Blue}/")));
        Assert.That((await TestContainers.OfServiceAsync(_service)).Select(c => c.Name), Is.EqualTo(new[] { first.RevisionId }));
    }

    [Test]
    public async Task The_container_is_told_its_port_and_database_by_environment_not_arguments()
    {
        var (runner, _, log) = Create(databaseUrl: "postgres://tiktimer:s3cret-pw@127.0.0.1:5432/tiktimer");

        var rollout = (await runner.DeployAsync([Request(_images.Healthy)])).Rollouts.Single();

        var (args, env) = await TestContainers.InspectRawAsync(rollout.RevisionId);
        Assert.That(env, Does.Contain($"ASPNETCORE_URLS=http://127.0.0.1:{Blue}").And.Contain($"PORT={Blue}").And.Contain("DATABASE_URL="));
        Assert.That(args, Does.Not.Contain("s3cret-pw"));
        Assert.That(log.Text, Does.Not.Contain("s3cret-pw"));
        Assert.That(log.Text, Does.Contain($"http://127.0.0.1:{Blue}/"), "the listening URL is no secret: the log does not mask it");
    }

    private (DeployRunner Runner, LocalServiceLocator Locator, RecordingDeliveryLog Log) Create(string? databaseUrl = null)
    {
        var log = new RecordingDeliveryLog();
        var docker = new DockerCli(new ProcessRunner(), log);
        var options = new LocalServiceOptions
        {
            Ports = [Blue, Green],
            ContainerNamePrefix = "tiktimer-test",
            DatabaseUrl = databaseUrl,
            HealthGrace = TimeSpan.FromSeconds(4),
            StopGrace = TimeSpan.FromSeconds(1),
        };
        var platform = new LocalServiceRolloutPlatform(docker, log, _http, options);
        var rollout = new RolloutOptions
        {
            Timeout = TimeSpan.FromSeconds(30),
            RollbackTimeout = TimeSpan.FromSeconds(30),
            Polling = AdaptivePollingSchedule.Default with { QuickInterval = TimeSpan.FromMilliseconds(250) },
        };
        return (new DeployRunner(platform, log, rollout), new LocalServiceLocator(docker, _http, options), log);
    }

    private ServiceRolloutRequest Request(string image) => new(_service, "api", image);

    private async Task<HttpStatusCode?> HealthAsync(int port)
    {
        try
        {
            using var response = await _http.GetAsync(new Uri($"http://127.0.0.1:{port}/health"));
            return response.StatusCode;
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }
}
