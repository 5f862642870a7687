using System.Globalization;
using System.Text.Json.Nodes;
using TikTimer.Delivery.Docker;
using TikTimer.Delivery.Migrations;
using TikTimer.Delivery.Plan;
using TikTimer.Delivery.Records;

namespace TikTimer.Delivery.Local;

/// <summary>
/// <see cref="IPlanReader"/> on the local Docker engine. A local "revision" is a container, defined by
/// what its labels record (image, container name, port), so the plan compares the serving container's
/// labels with the ones Deploy would give the next one; the migration's is its family and image.
/// </summary>
/// <remarks>
/// The pending migrations come from <c>plan-migrations-command</c> in a one-off container of the image
/// (removed when it exits), against the configured database; only when the engine already has the image:
/// Plan neither builds nor pulls.
/// </remarks>
public sealed class LocalPlanReader(DockerCli docker, LocalServiceLocator locator, LocalServiceOptions options, DeliveryRecordStore records, string environment) : IPlanReader
{
    public async Task<RevisionDraft> ServiceRevisionAsync(string service, string containerName, string image, CancellationToken cancellationToken)
    {
        var containers = await LocalServiceContainer.ListAsync(docker, service, cancellationToken).ConfigureAwait(false);
        var serving = await locator.ChooseServingAsync(containers, cancellationToken).ConfigureAwait(false);
        JsonObject? current = serving is null
            ? null
            : Container(serving.Revision, serving.State.Labels.GetValueOrDefault(LocalLabels.Container), serving.Port);
        var next = Container(image, containerName, options.NextPort(serving?.Port));
        return new RevisionDraft(RevisionKind.Service, service, serving?.Name, current, $"a new container of {service}", next);
    }

    public async Task<RevisionDraft> MigrationRevisionAsync(OneOffTaskSpec migration, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(migration);
        var last = await new LocalStatusReader(docker, locator).LastOneOffTaskAsync(migration.Family, cancellationToken).ConfigureAwait(false);
        var (name, image) = last is not null
            ? (last.TaskId, last.Image)
            : records.History(environment).FirstOrDefault(r => r.Migration is { Succeeded: true } && r.Image is not null) is { } recorded
                ? ($"task {recorded.Migration!.TaskId} (recorded {recorded.FinishedAt:u})", recorded.Image)
                : ((string?)null, (string?)null);
        var current = image is null ? null : Migration(migration.Family, image);
        return new RevisionDraft(RevisionKind.Migration, migration.Family, name, current, $"a new migration container of {migration.Family}", Migration(migration.Family, migration.Image));
    }

    public async Task<PlannedMigrations> PendingMigrationsAsync(string? image, IReadOnlyList<string>? command, CancellationToken cancellationToken)
    {
        if (command is null)
        {
            return PlannedMigrations.NotListed(command, "not listed: plan-migrations-command is empty");
        }

        if (image is null)
        {
            return PlannedMigrations.NotListed(command, "not listed: the image is not built yet, and Plan builds nothing (BuildImage would)");
        }

        if (await docker.InspectImageAsync(image, cancellationToken).ConfigureAwait(false) is null)
        {
            return PlannedMigrations.NotListed(command, $"not listed: the Docker engine does not have {image}, and Plan pulls nothing");
        }

        var run = new DockerRunSettings(image)
        {
            Remove = true,
            Network = options.Network,
            Command = command,
            Labels = new Dictionary<string, string>(StringComparer.Ordinal) { [LocalLabels.StartedBy] = OneOffTaskSpec.SuiteMarker },
            Environment = options.DatabaseUrl is { } url
                ? new Dictionary<string, string>(StringComparer.Ordinal) { [LocalNames.DatabaseUrlVariable] = url }
                : new Dictionary<string, string>(StringComparer.Ordinal),
        };
        var result = await docker.ForStep(DeliveryPlanner.Step).RunAsync(run, cancellationToken: cancellationToken).ConfigureAwait(false);
        var shown = string.Join(' ', command);
        return new PlannedMigrations(
            true,
            command,
            result.ExitCode,
            result.OutputLines,
            result.ExitCode == 0
                ? $"as `{shown}` of the image reports them (a one-off container, removed)"
                : $"`{shown}` of the image exited with code {result.ExitCode.ToString(CultureInfo.InvariantCulture)}; its output:");
    }

    private static JsonObject Container(string image, string? containerName, int? port) => new()
    {
        ["image"] = image,
        ["container"] = containerName,
        ["port"] = port,
    };

    private static JsonObject Migration(string family, string image) => new()
    {
        ["family"] = family,
        ["image"] = image,
    };
}
