using System.Globalization;

namespace TikTimer.Delivery.Reporting;

/// <summary>Durations as people read them in a build log: "850 ms", "4.2 s", "3m05s", "1h02m".</summary>
public static class DurationText
{
    public static string Format(TimeSpan duration)
    {
        if (duration < TimeSpan.Zero)
        {
            duration = TimeSpan.Zero;
        }

        var c = CultureInfo.InvariantCulture;
        if (duration < TimeSpan.FromSeconds(1))
        {
            return string.Create(c, $"{(int)duration.TotalMilliseconds} ms");
        }

        if (duration < TimeSpan.FromMinutes(1))
        {
            return string.Create(c, $"{duration.TotalSeconds:0.#} s");
        }

        if (duration < TimeSpan.FromHours(1))
        {
            return string.Create(c, $"{(int)duration.TotalMinutes}m{duration.Seconds:00}s");
        }

        return string.Create(c, $"{(int)duration.TotalHours}h{duration.Minutes:00}m");
    }
}
