using Microsoft.AspNetCore.Http;
using TikTimer.Delivery.Reporting;
using TikTimer.Delivery.Smoke;

namespace TikTimer.Delivery.Tests.Smoke;

/// <summary>Against a real HTTP server; real time, kept short by the options.</summary>
public class SmokeTesterTests
{
    private static readonly SmokeOptions Quick = new()
    {
        Timeout = TimeSpan.FromSeconds(10),
        InitialDelay = TimeSpan.FromMilliseconds(20),
        MaxDelay = TimeSpan.FromMilliseconds(100),
        RequestTimeout = TimeSpan.FromSeconds(5),
    };

    private readonly HttpClient _http = new();
    private readonly RecordingDeliveryLog _log = new();

    [OneTimeTearDown]
    public void TearDown() => _http.Dispose();

    private static Func<HttpContext, Task> Service(Func<int, (int Status, string Body)> health, int rootStatus = 200)
    {
        var healthCalls = 0;
        return async context =>
        {
            if (context.Request.Path == "/health")
            {
                var (status, body) = health(Interlocked.Increment(ref healthCalls));
                context.Response.StatusCode = status;
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync(body);
                return;
            }

            context.Response.StatusCode = context.Request.Path == "/" ? rootStatus : 404;
        };
    }

    private static (int, string) Healthy(int call) => (200, """{"status":"healthy","version":"abc"}""");

    private Task<SmokeResult> Run(Uri url, SmokeOptions? options = null) =>
        new SmokeTester(_http, _log, options ?? Quick).RunAsync(url);

    [Test]
    public async Task A_healthy_service_passes_on_the_first_attempt()
    {
        await using var server = await LocalHttpServer.StartAsync(Service(Healthy));

        var result = await Run(server.BaseUrl);

        Assert.That(result.Attempts, Is.EqualTo(1));
    }

    [Test]
    public async Task Each_attempt_reports_its_status_and_latency()
    {
        await using var server = await LocalHttpServer.StartAsync(Service(Healthy));

        await Run(server.BaseUrl);

        Assert.That(_log.Lines, Has.Some.Match(@"^Smoke attempt 1: GET http://127\.0\.0\.1:\d+/health -> 200 in \d+ ms$"));
    }

    [Test]
    public async Task A_service_that_answers_503_at_first_is_retried_until_healthy()
    {
        await using var server = await LocalHttpServer.StartAsync(Service(call => call <= 2 ? (503, "{}") : Healthy(call)));

        var result = await Run(server.BaseUrl);

        Assert.That(result.Attempts, Is.EqualTo(3));
        Assert.That(_log.Lines, Has.Some.Contains("-> 503"));
    }

    [Test]
    public async Task A_service_that_never_becomes_healthy_fails_at_the_timeout_naming_the_url_and_status()
    {
        await using var server = await LocalHttpServer.StartAsync(Service(_ => (503, """{"status":"starting"}""")));

        var error = Assert.ThrowsAsync<SmokeTestFailedException>(() => Run(server.BaseUrl, Quick with { Timeout = TimeSpan.FromSeconds(1) }));

        Assert.That(error!.LastFailure.Status, Is.EqualTo(503));
        Assert.That(error.Message, Does.Contain(server.BaseUrl + "health").And.Contain("503").And.Contain("1 s"));
        Assert.That(error.Attempts, Is.GreaterThan(1));
    }

    [Test]
    public async Task A_health_answer_that_is_not_healthy_fails_with_what_it_said()
    {
        await using var server = await LocalHttpServer.StartAsync(Service(_ => (200, """{"status":"degraded"}""")));

        var error = Assert.ThrowsAsync<SmokeTestFailedException>(() => Run(server.BaseUrl, Quick with { Timeout = TimeSpan.FromMilliseconds(500) }));

        Assert.That(error!.LastFailure.Reason, Does.Contain("\"degraded\""));
    }

    [Test]
    public async Task A_root_page_that_is_not_2xx_fails()
    {
        await using var server = await LocalHttpServer.StartAsync(Service(Healthy, rootStatus: 500));

        var error = Assert.ThrowsAsync<SmokeTestFailedException>(() => Run(server.BaseUrl, Quick with { Timeout = TimeSpan.FromMilliseconds(500) }));

        Assert.That(error!.LastFailure.Url, Is.EqualTo(new Uri(server.BaseUrl, "/")));
        Assert.That(error.LastFailure.Status, Is.EqualTo(500));
    }

    [Test]
    public async Task An_extra_check_must_answer_its_expected_status()
    {
        await using var server = await LocalHttpServer.StartAsync(Service(Healthy));
        var options = Quick with { Timeout = TimeSpan.FromMilliseconds(500), ExtraChecks = [new SmokeCheck("/api/timers", 401)] };

        var error = Assert.ThrowsAsync<SmokeTestFailedException>(() => Run(server.BaseUrl, options));

        Assert.That(error!.LastFailure.Reason, Does.Contain("expected 401"));
        Assert.That(error.LastFailure.Status, Is.EqualTo(404));
    }

    [Test]
    public void A_service_that_is_not_listening_fails_with_no_answer()
    {
        var nothingThere = new Uri("http://127.0.0.1:1/");

        var error = Assert.ThrowsAsync<SmokeTestFailedException>(() => Run(nothingThere, Quick with { Timeout = TimeSpan.FromMilliseconds(500) }));

        Assert.That(error!.LastFailure.Status, Is.Null);
        Assert.That(error.Message, Does.Contain("no answer"));
    }
}
