namespace TikTimer.Delivery.Migrations;

/// <summary>A migration that ran and exited 0.</summary>
public sealed record MigrationResult(OneOffTaskHandle Task, OneOffTaskState FinalState, TimeSpan Elapsed)
{
    /// <summary>The migrations its log said it applied (<see cref="AppliedMigrations"/>); empty when it applied none or does not say.</summary>
    public IReadOnlyList<string> Applied { get; init; } = [];
}
