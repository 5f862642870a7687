namespace TikTimer.Api.Health;

public static class HealthEndpoints
{
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/health", async (DatabaseHealthCheck check, HttpContext context) =>
        {
            // A cached "healthy" would hide an outage from the load balancer.
            context.Response.Headers.CacheControl = "no-store";
            return await check.IsDatabaseReachableAsync(context.RequestAborted)
                ? Results.Json(new { status = "healthy", database = "connected" }, statusCode: StatusCodes.Status200OK)
                : Results.Json(new { status = "unhealthy", database = "unreachable" }, statusCode: StatusCodes.Status503ServiceUnavailable);
        });
        return endpoints;
    }
}
