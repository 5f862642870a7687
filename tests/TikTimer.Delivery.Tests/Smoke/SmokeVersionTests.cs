using Microsoft.AspNetCore.Http;
using TikTimer.Delivery.Reporting;
using TikTimer.Delivery.Smoke;

namespace TikTimer.Delivery.Tests.Smoke;

/// <summary>The smoke test proves the version just deployed is the one answering; a real HTTP server, short real timeouts.</summary>
public class SmokeVersionTests
{
    private static readonly SmokeOptions Quick = new()
    {
        Timeout = TimeSpan.FromSeconds(10),
        InitialDelay = TimeSpan.FromMilliseconds(20),
        MaxDelay = TimeSpan.FromMilliseconds(100),
        RequestTimeout = TimeSpan.FromSeconds(5),
    };

    private readonly HttpClient _http = new();
    private RecordingDeliveryLog _log = null!;

    [SetUp]
    public void NewLog() => _log = new RecordingDeliveryLog();

    [OneTimeTearDown]
    public void TearDown() => _http.Dispose();

    /// <summary>Healthy at <paramref name="healthPath"/>; <paramref name="path"/> answers <paramref name="body"/> (given the call number).</summary>
    private static Func<HttpContext, Task> Service(string path, Func<int, string> body, string healthPath = "/health")
    {
        var calls = 0;
        return async context =>
        {
            context.Response.ContentType = "application/json";
            if (context.Request.Path == healthPath)
            {
                await context.Response.WriteAsync("""{"status":"healthy","database":"connected"}""");
            }
            else if (context.Request.Path == path)
            {
                await context.Response.WriteAsync(body(Interlocked.Increment(ref calls)));
            }
            else
            {
                context.Response.StatusCode = context.Request.Path == "/" ? 200 : 404;
            }
        };
    }

    private Task<SmokeResult> Run(Uri url, SmokeOptions options) => new SmokeTester(_http, _log, options).RunAsync(url);

    [Test]
    public async Task The_version_deployed_answering_passes_and_says_so()
    {
        await using var server = await LocalHttpServer.StartAsync(Service("/", _ => """{"service":"tiktimer","version":"4f2a9c1"}"""));

        var result = await Run(server.BaseUrl, Quick with { Version = new VersionCheck("/", "version", "4f2a9c1") });

        Assert.That(result.Attempts, Is.EqualTo(1));
        Assert.That(_log.Lines, Has.Some.Contains("reports version 4f2a9c1 at GET / (version)"));
    }

    [Test]
    public async Task While_an_old_version_still_answers_the_smoke_test_retries_until_the_new_one_does()
    {
        await using var server = await LocalHttpServer.StartAsync(Service("/", call => $$"""{"version":"{{(call <= 2 ? "old" : "new")}}"}"""));

        var result = await Run(server.BaseUrl, Quick with { Version = new VersionCheck("/", "version", "new") });

        Assert.That(result.Attempts, Is.EqualTo(3));
        Assert.That(_log.Lines, Has.Some.Contains("version is \"old\", expected \"new\""));
    }

    [Test]
    public async Task Only_the_old_version_answering_fails_at_the_timeout_naming_both_versions()
    {
        await using var server = await LocalHttpServer.StartAsync(Service("/", _ => """{"version":"old"}"""));

        var error = Assert.ThrowsAsync<SmokeTestFailedException>(() =>
            Run(server.BaseUrl, Quick with { Timeout = TimeSpan.FromSeconds(2), Version = new VersionCheck("/", "version", "new") }));

        Assert.That(error!.LastFailure.Url, Is.EqualTo(new Uri(server.BaseUrl, "/")));
        Assert.That(error.LastFailure.Reason, Does.Contain("\"old\"").And.Contain("expected \"new\""));
    }

    [Test]
    public async Task A_body_without_the_field_fails_naming_the_setting_that_turns_the_check_off()
    {
        await using var server = await LocalHttpServer.StartAsync(Service("/", _ => """{"service":"tiktimer"}"""));

        var error = Assert.ThrowsAsync<SmokeTestFailedException>(() =>
            Run(server.BaseUrl, Quick with { Timeout = TimeSpan.FromSeconds(2), Version = new VersionCheck("/", "version", "v1") }));

        Assert.That(error!.LastFailure.Reason, Does.Contain("no \"version\" field").And.Contain("smoke-version-path"));
    }

    [Test]
    public async Task A_body_that_is_not_json_fails_naming_the_setting_that_turns_the_check_off()
    {
        await using var server = await LocalHttpServer.StartAsync(Service("/", _ => "<html>hello</html>"));

        var error = Assert.ThrowsAsync<SmokeTestFailedException>(() =>
            Run(server.BaseUrl, Quick with { Timeout = TimeSpan.FromSeconds(2), Version = new VersionCheck("/", "version", "v1") }));

        Assert.That(error!.LastFailure.Reason, Does.Contain("not JSON").And.Contain("smoke-version-path"));
    }

    [Test]
    public async Task A_nested_field_at_another_path_is_read()
    {
        await using var server = await LocalHttpServer.StartAsync(Service("/about", _ => """{"build":{"version":"2.4.1","commit":"abc"}}"""));

        var result = await Run(server.BaseUrl, Quick with { Version = new VersionCheck("/about", "build.version", "2.4.1") });

        Assert.That(result.Attempts, Is.EqualTo(1));
        Assert.That(_log.Lines, Has.Some.Match(@"GET http://127\.0\.0\.1:\d+/about -> 200"));
    }

    [Test]
    public async Task The_health_check_uses_the_configured_path()
    {
        await using var server = await LocalHttpServer.StartAsync(Service("/", _ => "{}", healthPath: "/healthz"));

        await Run(server.BaseUrl, Quick with { HealthPath = "/healthz" });

        Assert.That(_log.Lines, Has.Some.Match(@"GET http://127\.0\.0\.1:\d+/healthz -> 200"));
        Assert.That(_log.Lines, Has.None.Contains("/health "));
    }

    [Test]
    public void Without_a_version_check_nothing_is_asked_of_the_body_at_root()
    {
        Assert.That(Quick.AllChecks.Select(c => c.Version), Is.All.Null);
    }
}
