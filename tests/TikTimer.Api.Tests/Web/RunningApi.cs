using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using TikTimer.Api.Configuration;
using TikTimer.Api.Web;

namespace TikTimer.Api.Tests.Web;

/// <summary>The real service on Kestrel, on a free port of 127.0.0.1, for one test.</summary>
internal sealed class RunningApi : IAsyncDisposable
{
    private readonly WebApplication _app;

    private RunningApi(WebApplication app, Uri address)
    {
        _app = app;
        Client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(20) };
    }

    public HttpClient Client { get; }

    public static async Task<RunningApi> StartAsync(ServiceSettings settings)
    {
        var app = ApiApplication.Build(settings, [], configure: builder => builder.WebHost.UseUrls("http://127.0.0.1:0"));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new RunningApi(app, new Uri(address));
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
