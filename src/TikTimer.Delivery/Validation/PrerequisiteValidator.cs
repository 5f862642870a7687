using TikTimer.Delivery.Reporting;

namespace TikTimer.Delivery.Validation;

/// <summary>Runs every check and reports all failures together, not just the first.</summary>
public sealed class PrerequisiteValidator(IDeliveryLog log)
{
    public async Task ValidateAsync(IEnumerable<IPrerequisiteCheck> checks, CancellationToken cancellationToken)
    {
        var failures = new List<string>();
        foreach (var check in checks)
        {
            var problem = await check.CheckAsync(cancellationToken).ConfigureAwait(false);
            if (problem is null)
            {
                log.Information($"  ok    {check.Name}");
            }
            else
            {
                log.Error($"  FAIL  {check.Name}: {problem}");
                failures.Add($"{check.Name}: {problem}");
            }
        }

        if (failures.Count > 0)
        {
            throw new DeliveryException(
                $"Validate: {failures.Count} prerequisite{(failures.Count == 1 ? " is" : "s are")} not met; nothing was changed:"
                + string.Concat(failures.Select(f => $"{Environment.NewLine}  - {f}")));
        }
    }
}
