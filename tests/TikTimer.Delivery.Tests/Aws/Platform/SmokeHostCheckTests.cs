using System.Net;
using System.Net.Sockets;
using TikTimer.Delivery.Aws.Platform;
using TikTimer.Delivery.Configuration;

namespace TikTimer.Delivery.Tests.Aws.Platform;

/// <summary>The smoke URL's host, resolved by an injected resolver: no test here looks up a real name.</summary>
public class SmokeHostCheckTests
{
    [Test]
    public async Task An_IP_address_is_not_looked_up()
    {
        var check = new SmokeHostCheck(Settings("http://127.0.0.1:39999"), (_, _) => throw new AssertionException("looked up"));

        Assert.That(await check.CheckAsync(CancellationToken.None), Is.Null);
    }

    [Test]
    public async Task A_name_that_resolves_passes()
    {
        var asked = new List<string>();
        var check = new SmokeHostCheck(Settings("http://tiktimer-dev-alb-1.example.test"), (host, _) =>
        {
            asked.Add(host);
            return Task.FromResult(new[] { IPAddress.Loopback });
        });

        Assert.That(await check.CheckAsync(CancellationToken.None), Is.Null);
        Assert.That(asked, Is.EqualTo(new[] { "tiktimer-dev-alb-1.example.test" }));
    }

    [Test]
    public async Task A_name_that_does_not_resolve_names_the_host_the_source_and_the_setting()
    {
        var settings = Settings("https://user:pw@tiktimer-dev-alb-1.example.test:8443/base");
        var check = new SmokeHostCheck(settings, (_, _) => throw new SocketException((int)SocketError.HostNotFound));

        var problem = await check.CheckAsync(CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(problem, Does.Contain("the host 'tiktimer-dev-alb-1.example.test' of https://tiktimer-dev-alb-1.example.test:8443"));
            Assert.That(problem, Does.Contain("(smoke-base-url from --smoke-base-url)"));
            Assert.That(problem, Does.Contain("does not resolve (no such host)"));
            Assert.That(problem, Does.Contain("ALB_DNS").And.Contain("alb_dns_name"), "where to set it");
            Assert.That(problem, Does.Not.Contain("pw"), "the URL's credentials are not shown");
        });
    }

    [Test]
    public async Task No_smoke_url_is_nothing_to_check()
    {
        var settings = Settings("http://127.0.0.1") with { SmokeBaseUrl = null };

        Assert.That(await new SmokeHostCheck(settings, (_, _) => throw new AssertionException("looked up")).CheckAsync(CancellationToken.None), Is.Null);
    }

    private static DeliverySettings Settings(string smokeUrl)
    {
        var root = Path.GetTempPath();
        return SettingsResolver.Resolve(new SettingsInputs(new Dictionary<string, string> { ["smoke-base-url"] = smokeUrl, ["skip-tests"] = "true" }, _ => null, root) { Tasks = [] }).Settings;
    }
}
