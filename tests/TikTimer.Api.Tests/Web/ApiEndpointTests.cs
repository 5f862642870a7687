using System.Net;
using TikTimer.Api.Configuration;

namespace TikTimer.Api.Tests.Web;

[Category("Integration")]
public class ApiEndpointTests
{
    [Test]
    public async Task Health_is_200_healthy_when_the_database_answers()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var api = await RunningApi.StartAsync(new ServiceSettings(database.Settings, "dev"));

        using var response = await api.Client.GetAsync("/health");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo("""{"status":"healthy","database":"connected"}"""));
    }

    [Test]
    public async Task Health_is_503_unhealthy_without_error_details_when_the_database_is_unreachable()
    {
        var settings = new ServiceSettings(
            DatabaseSettings.FromConnectionString($"Host=127.0.0.1;Port={FreePort.Closed()};Username=tiktimer;Password=secret-pw;Database=x"), "dev");
        await using var api = await RunningApi.StartAsync(settings);

        using var response = await api.Client.GetAsync("/health");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
        Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo("""{"status":"unhealthy","database":"unreachable"}"""));
    }

    [Test]
    public async Task Health_stays_healthy_when_the_database_dropped_its_pooled_connections()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var api = await RunningApi.StartAsync(new ServiceSettings(database.Settings, "dev"));
        (await api.Client.GetAsync("/health")).Dispose();
        await database.ScalarAsync<long>(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()");

        using var response = await api.Client.GetAsync("/health");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task The_root_names_the_service_and_its_version()
    {
        var settings = new ServiceSettings(DatabaseSettings.FromConnectionString($"Host=127.0.0.1;Port={FreePort.Closed()};Username=u"), "3f2c1ab");
        await using var api = await RunningApi.StartAsync(settings);

        using var response = await api.Client.GetAsync("/");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo("""{"service":"tiktimer","version":"3f2c1ab"}"""));
    }
}
