using TikTimer.Delivery.Reporting;

namespace TikTimer.Delivery.Validation;

/// <summary>
/// The one check of an option's range. Options are built in code (from settings
/// already checked, or by tests), so a value out of range is a programming error:
/// <see cref="ArgumentOutOfRangeException"/> naming the option, its value and its range.
/// </summary>
public static class OptionRange
{
    public static void Check(TimeSpan value, TimeSpan min, TimeSpan max, string owner, string name)
    {
        if (value < min || value > max)
        {
            throw new ArgumentOutOfRangeException(name, value, $"{owner} {name} must be between {DurationText.Format(min)} and {DurationText.Format(max)}.");
        }
    }

    public static void Check(TimeSpan value, (TimeSpan Min, TimeSpan Max) range, string owner, string name) =>
        Check(value, range.Min, range.Max, owner, name);

    public static void Check(int value, int min, int max, string owner, string name)
    {
        if (value < min || value > max)
        {
            throw new ArgumentOutOfRangeException(name, value, $"{owner} {name} must be between {min} and {max}.");
        }
    }

    /// <summary>For a rule that is not a plain range, e.g. "at least QuickInterval".</summary>
    public static void Require(bool holds, object? value, string owner, string name, string rule)
    {
        if (!holds)
        {
            throw new ArgumentOutOfRangeException(name, value, $"{owner} {name} {rule}.");
        }
    }
}
