namespace TikTimer.Delivery.Status;

/// <summary>The latest one-off task of a family (the migration) the platform still knows of.</summary>
/// <param name="ExitCode">Null while it runs or when its container never ran.</param>
/// <param name="At">When it stopped, else when it started.</param>
public sealed record OneOffTaskRun(string TaskId, string Image, string State, int? ExitCode, DateTimeOffset? At);
