namespace TikTimer.Delivery.Migrations;

/// <summary>
/// Another migration of the same family, started by this suite, is still active:
/// two migrations at once can corrupt the schema (Alembic does not lock), so the
/// second is refused unless forced.
/// </summary>
public sealed class MigrationBlockedException : DeliveryException
{
    public MigrationBlockedException(string family, IReadOnlyList<OneOffTaskHandle> active)
        : base(
            $"MigrateViaEcs: another migration of {family} started by this suite is still pending or running: " +
            string.Join(", ", active.Select(t => $"{t.DisplayName} (stop it with: {t.StopHint})")) +
            ". Wait for it to finish or stop it, or pass --force to start beside it.")
    {
        Family = family;
        Active = active;
    }

    /// <summary>Our own task started at the same moment as an earlier one, and was stopped.</summary>
    public MigrationBlockedException(string family, IReadOnlyList<OneOffTaskHandle> earlier, OneOffTaskHandle stopped)
        : base(
            $"MigrateViaEcs: another run started a migration of {family} at the same time ({string.Join(", ", earlier.Select(t => t.DisplayName))}, first); " +
            $"this run stopped its own task {stopped.DisplayName} so that only one migrates, and did not deploy. " +
            "Let the other run finish, then run again (its migration will find nothing left to do).")
    {
        Family = family;
        Active = earlier;
    }

    public string Family { get; }

    public IReadOnlyList<OneOffTaskHandle> Active { get; }
}
