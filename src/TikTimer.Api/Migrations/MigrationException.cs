namespace TikTimer.Api.Migrations;

/// <summary>
/// A migration run failed for a reason the operator can act on. The message says what
/// failed, where the database was left, and never carries a password.
/// </summary>
public sealed class MigrationException : Exception
{
    public MigrationException(string message)
        : base(message)
    {
    }

    public MigrationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
