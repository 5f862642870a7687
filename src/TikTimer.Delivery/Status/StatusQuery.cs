using System.Text.Json;
using System.Text.Json.Nodes;
using TikTimer.Delivery.Records;

namespace TikTimer.Delivery.Status;

/// <summary>Reads what serves and the last migration from the platform, and the delivery history from the records.</summary>
public sealed class StatusQuery(IDeliveryStatusReader reader, DeliveryRecordStore records)
{
    public async Task<StatusReport> RunAsync(string environment, IReadOnlyList<string> services, string migrationFamily, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        var history = records.History(environment);
        var statuses = new List<ServiceStatus>();
        foreach (var service in services)
        {
            var status = await reader.ServiceAsync(service, cancellationToken).ConfigureAwait(false);
            statuses.Add(status with { Commit = StatusReport.CommitOf(status, history) });
        }

        var migration = string.IsNullOrEmpty(migrationFamily)
            ? null
            : await reader.LastOneOffTaskAsync(migrationFamily, cancellationToken).ConfigureAwait(false);
        return new StatusReport(environment, statuses, migrationFamily, migration, history.FirstOrDefault(r => r.Succeeded && r.Revisions.Count > 0));
    }

    /// <summary>The report for scripts (<c>--format=json</c>).</summary>
    public static string Json(StatusReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web) { WriteIndented = true };
        var services = new JsonArray();
        foreach (var service in report.Services)
        {
            var node = JsonSerializer.SerializeToNode(service, options)!.AsObject();
            node["matchesLastDelivery"] = report.MatchesLastDelivery(service);
            services.Add(node);
        }

        var root = new JsonObject
        {
            ["environment"] = report.Environment,
            ["services"] = services,
            ["migrationFamily"] = report.MigrationFamily,
            ["lastMigration"] = JsonSerializer.SerializeToNode(report.LastMigration, options),
            ["lastDelivery"] = report.LastDelivery is { } last
                ? new JsonObject { ["image"] = last.Image, ["commit"] = last.Commit, ["finishedAt"] = last.FinishedAt }
                : null,
        };
        return root.ToJsonString(options);
    }
}
