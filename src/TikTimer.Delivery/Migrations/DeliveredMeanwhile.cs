using System.Globalization;
using TikTimer.Delivery.Status;

namespace TikTimer.Delivery.Migrations;

/// <summary>
/// Whether another run made the delivery this run is about to make while this one waited or
/// built: every service serves this image, settled, and the migration family's newest task ran
/// this image, exited 0 and stopped after this run started. Read from the platform (two clones
/// share no records), judged here, pure: each outcome is tested once with canned state.
/// </summary>
/// <remarks>
/// The window is this run's own lifetime on purpose. A delivery that finished before the run
/// started is not "just made": re-running a job is how a user asks to deliver again, so a plain
/// re-run migrates and rolls out as before. A different image, or a newest migration that failed,
/// still runs or never stopped, always delivers.
/// </remarks>
public static class DeliveredMeanwhile
{
    /// <returns>Why the delivery is already made (for the log), or null when this run must make it.</returns>
    public static string? Judge(string image, DateTimeOffset runStarted, IReadOnlyList<ServiceStatus> services, OneOffTaskRun? lastMigration)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(services);
        var digest = DigestOf(image);
        if (digest is null || services.Count == 0 || lastMigration is null)
        {
            return null;
        }

        var settled = services.All(s => s.Digest == digest && s.InProgress.Count == 0 && s.DesiredCount > 0 && s.RunningCount >= s.DesiredCount);
        var migrated = DigestOf(lastMigration.Image) == digest
            && lastMigration.ExitCode == 0
            && lastMigration.At is { } stopped && stopped >= runStarted;
        if (!settled || !migrated)
        {
            return null;
        }

        var at = lastMigration.At!.Value.UtcDateTime.ToString("HH:mm:ss", CultureInfo.InvariantCulture);
        return $"another run delivered {image} while this one ran: migration task {lastMigration.TaskId} of it exited 0 at {at} UTC, "
            + $"and {string.Join(", ", services.Select(s => s.Service))} {(services.Count == 1 ? "serves" : "serve")} it ({string.Join(", ", services.Select(s => s.Revision))})";
    }

    /// <summary>The <c>sha256:...</c> of a <c>repository@sha256:...</c> reference, else null (a tag says nothing about content).</summary>
    public static string? DigestOf(string? image) =>
        image?.IndexOf("@sha256:", StringComparison.Ordinal) is { } at and >= 0 ? image[(at + 1)..] : null;
}
