namespace TikTimer.Api.Migrations;

/// <summary>Limits of one migration run.</summary>
public sealed record MigratorOptions
{
    private static readonly TimeSpan Maximum = TimeSpan.FromHours(6);

    /// <summary>
    /// How long to wait for another run to release the migration lock. Default 10 minutes:
    /// as long as a deploy's migration task is usually allowed to run. Range (0, 6 h].
    /// </summary>
    public TimeSpan LockTimeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// How long one migration script may run. Default 10 minutes, far above Npgsql's 30 s
    /// command default, because schema changes on a big table can take minutes. Range (0, 6 h].
    /// </summary>
    public TimeSpan CommandTimeout { get; init; } = TimeSpan.FromMinutes(10);

    public MigratorOptions Validated()
    {
        Check(LockTimeout, nameof(LockTimeout));
        Check(CommandTimeout, nameof(CommandTimeout));
        return this;
    }

    private static void Check(TimeSpan value, string name)
    {
        if (value <= TimeSpan.Zero || value > Maximum)
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be more than 0 and at most {Maximum.TotalHours:0} h.");
        }
    }
}
