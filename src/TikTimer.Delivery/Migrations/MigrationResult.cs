namespace TikTimer.Delivery.Migrations;

/// <summary>A migration that ran and exited 0.</summary>
public sealed record MigrationResult(OneOffTaskHandle Task, OneOffTaskState FinalState, TimeSpan Elapsed);
