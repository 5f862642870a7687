namespace TikTimer.Delivery.Validation;

/// <summary>
/// The other half of the options convention. Options fed by a user's settings list every
/// problem (<c>Problems()</c>, one sentence each naming the value and the fix); the part that
/// takes them reports them all at once as a <see cref="DeliveryException"/> naming its step.
/// Options only code sets check with <c>Validate()</c> and <see cref="OptionRange"/>.
/// </summary>
public static class OptionProblems
{
    public static void ThrowIfAny(IReadOnlyList<string> problems, string step, string what)
    {
        ArgumentNullException.ThrowIfNull(problems);
        if (problems.Count > 0)
        {
            throw new DeliveryException($"{step}: the {what} are not valid:\n- " + string.Join("\n- ", problems));
        }
    }
}
