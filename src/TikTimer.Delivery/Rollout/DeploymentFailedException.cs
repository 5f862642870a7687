namespace TikTimer.Delivery.Rollout;

/// <summary>
/// A release that did not hold: which services failed and why, and what the
/// rollback did (or that it was disabled), so the reader knows what is serving now.
/// </summary>
public sealed class DeploymentFailedException : DeliveryException
{
    public DeploymentFailedException(string step, IReadOnlyList<string> failures, IReadOnlyList<RollbackReport>? rollbacks, Exception? cause = null)
        : base(Describe(step, failures, rollbacks), cause ?? new DeliveryException(string.Join("; ", failures)))
    {
        Failures = failures;
        Rollbacks = rollbacks ?? [];
    }

    public IReadOnlyList<string> Failures { get; }

    public IReadOnlyList<RollbackReport> Rollbacks { get; }

    private static string Describe(string step, IReadOnlyList<string> failures, IReadOnlyList<RollbackReport>? rollbacks)
    {
        var text = $"{step}: the release failed:\n" + string.Join('\n', failures.Select(f => "  - " + f));
        text += rollbacks switch
        {
            null => "\nRollback is disabled: the new revision may be serving, partly or wholly. Roll back by deploying the previous image.",
            { Count: 0 } => "\nNothing was rolled back: another deployment replaced ours, and rolling back would undo that release.",
            _ => "\nRollback:\n" + string.Join('\n', rollbacks.Select(r => "  - " + r.Message)),
        };
        return text + "\nThe service events printed above usually name the cause (failing health checks, tasks stopping).";
    }
}
