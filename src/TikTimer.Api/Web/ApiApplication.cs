using Npgsql;
using TikTimer.Api.Configuration;
using TikTimer.Api.Health;

namespace TikTimer.Api.Web;

/// <summary>The web service: <c>GET /</c> and <c>GET /health</c>. Listens where ASPNETCORE_URLS says.</summary>
public static class ApiApplication
{
    /// <param name="configure">Lets tests bind a port or swap services before the app is built.</param>
    public static WebApplication Build(
        ServiceSettings settings, string[] args, HealthCheckOptions? healthOptions = null, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateSlimBuilder(args);
        // One line per entry reads well in CloudWatch and docker logs; per-request
        // framework chatter would drown the health-check warnings.
        builder.Logging.AddSimpleConsole(console => console.SingleLine = true);
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Services.AddSingleton(settings);
        builder.Services.AddSingleton(healthOptions ?? new HealthCheckOptions());
        builder.Services.AddSingleton(_ => new NpgsqlDataSourceBuilder(settings.Database.ConnectionString).Build());
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<DatabaseHealthCheck>();
        configure?.Invoke(builder);

        var app = builder.Build();
        app.MapGet("/", (ServiceSettings service) => Results.Json(new { service = ServiceSettings.ServiceName, version = service.Version }));
        app.MapHealth();
        return app;
    }
}
