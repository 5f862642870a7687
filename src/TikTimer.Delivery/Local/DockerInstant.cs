using System.Globalization;
using System.Text.RegularExpressions;

namespace TikTimer.Delivery.Local;

/// <summary>
/// A docker log timestamp at its full nanosecond precision. <see cref="DateTimeOffset"/>
/// keeps only 100 ns, and two lines 30 ns apart would look alike, so the log cursor
/// compares these instead.
/// </summary>
internal readonly partial record struct DockerInstant(long UnixSeconds, int Nanoseconds) : IComparable<DockerInstant>
{
    public DateTimeOffset ToDateTimeOffset() =>
        DateTimeOffset.FromUnixTimeSeconds(UnixSeconds).AddTicks(Nanoseconds / 100);

    /// <summary>The latest 100 ns instant strictly before this one: a <c>--since</c> that surely includes it.</summary>
    public DateTimeOffset JustBefore() => ToDateTimeOffset().AddTicks(-1);

    public int CompareTo(DockerInstant other) =>
        UnixSeconds != other.UnixSeconds ? UnixSeconds.CompareTo(other.UnixSeconds) : Nanoseconds.CompareTo(other.Nanoseconds);

    public static bool operator <(DockerInstant left, DockerInstant right) => left.CompareTo(right) < 0;

    public static bool operator >(DockerInstant left, DockerInstant right) => left.CompareTo(right) > 0;

    public static bool operator <=(DockerInstant left, DockerInstant right) => left.CompareTo(right) <= 0;

    public static bool operator >=(DockerInstant left, DockerInstant right) => left.CompareTo(right) >= 0;

    /// <summary>Formats as RFC 3339 with nine fraction digits, the way <c>docker logs --timestamps</c> prints.</summary>
    public override string ToString() =>
        DateTimeOffset.FromUnixTimeSeconds(UnixSeconds).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture)
        + "." + Nanoseconds.ToString("D9", CultureInfo.InvariantCulture) + "Z";

    /// <summary>Parses <c>2026-11-24T04:07:04.604273556Z</c> (any 0-9 fraction digits, Z or an offset).</summary>
    public static bool TryParse(string text, out DockerInstant instant)
    {
        instant = default;
        var match = Rfc3339().Match(text);
        if (!match.Success
            || !DateTimeOffset.TryParseExact(
                match.Groups["seconds"].Value + (match.Groups["zone"].Value == "Z" ? "+00:00" : match.Groups["zone"].Value),
                "yyyy-MM-dd'T'HH:mm:sszzz",
                CultureInfo.InvariantCulture,
                DateTimeStyles.None,
                out var seconds))
        {
            return false;
        }

        var fraction = match.Groups["fraction"].Value.PadRight(9, '0');
        instant = new DockerInstant(seconds.ToUnixTimeSeconds(), int.Parse(fraction, CultureInfo.InvariantCulture));
        return true;
    }

    [GeneratedRegex(@"^(?<seconds>\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(?<fraction>\d{1,9}))?(?<zone>Z|[+-]\d\d:\d\d)$")]
    private static partial Regex Rfc3339();
}
