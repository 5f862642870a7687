namespace TikTimer.Delivery.Migrations;

/// <param name="Succeeded">True only for a container that ran and exited 0.</param>
/// <param name="Reason">One sentence for the log and the error summary.</param>
/// <param name="ExitCode">The container's exit code when it has one.</param>
public sealed record MigrationVerdict(bool Succeeded, string Reason, int? ExitCode)
{
    public static MigrationVerdict Success() => new(true, "exited with code 0", 0);

    public static MigrationVerdict Failure(string reason, int? exitCode = null) => new(false, reason, exitCode);
}
