using System.Globalization;
using System.Text.RegularExpressions;

namespace TikTimer.Delivery.Configuration;

/// <summary>Parsers for setting text; each returns null and says why when the text is wrong.</summary>
public static partial class ValueParsers
{
    public static bool? Boolean(string text) => text.Trim().ToLowerInvariant() switch
    {
        "true" or "yes" or "1" or "on" => true,
        "false" or "no" or "0" or "off" => false,
        _ => null,
    };

    /// <summary>Accepts 90s, 10m, 1h, 1h30m, a number of seconds, or hh:mm:ss (not the ambiguous mm:ss).</summary>
    public static TimeSpan? Duration(string text)
    {
        var trimmed = text.Trim();
        if (int.TryParse(trimmed, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return TimeSpan.FromSeconds(seconds);
        }

        // Only hh:mm:ss: "10:00" reads as ten minutes to some and ten hours to TimeSpan.
        if (trimmed.Count(c => c == ':') == 2 &&
            TimeSpan.TryParseExact(trimmed, @"h\:mm\:ss", CultureInfo.InvariantCulture, out var span))
        {
            return span;
        }

        var match = DurationPattern().Match(trimmed);
        if (!match.Success || match.Length == 0)
        {
            return null;
        }

        // Too many digits for a TimeSpan is a (far too) long duration, not a crash.
        static double Part(Group group) => group.Success ? double.Parse(group.Value, CultureInfo.InvariantCulture) : 0;
        var total = (Part(match.Groups["h"]) * 3600) + (Part(match.Groups["m"]) * 60) + Part(match.Groups["s"]);
        return total < TimeSpan.MaxValue.TotalSeconds / 2 ? TimeSpan.FromSeconds(total) : TimeSpan.MaxValue;
    }

    /// <summary>Comma-separated items; an empty item (e.g. 'a, ,b') is an error, not silently dropped.</summary>
    public static IReadOnlyList<string>? List(string text, out string? error)
    {
        error = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return [];
        }

        var items = text.Split(',').Select(i => i.Trim()).ToArray();
        var empty = Array.FindIndex(items, i => i.Length == 0);
        if (empty >= 0)
        {
            error = $"item {empty + 1} of '{text}' is empty";
            return null;
        }

        return items;
    }

    /// <summary>
    /// Splits a command like a POSIX shell would for simple cases: spaces
    /// separate words, single or double quotes group them. A JSON array is
    /// taken as is.
    /// </summary>
    public static IReadOnlyList<string>? Command(string text, out string? error)
    {
        error = null;
        var trimmed = text.Trim();
        if (trimmed.StartsWith('['))
        {
            try
            {
                var words = System.Text.Json.JsonSerializer.Deserialize<string[]>(trimmed);
                if (words is { Length: > 0 })
                {
                    return words;
                }
            }
            catch (System.Text.Json.JsonException)
            {
            }

            error = "it starts with '[' but is not a JSON array of strings";
            return null;
        }

        var result = new List<string>();
        var current = new System.Text.StringBuilder();
        char? quote = null;
        var inWord = false;
        foreach (var c in trimmed)
        {
            if (quote is not null)
            {
                if (c == quote)
                {
                    quote = null;
                }
                else
                {
                    current.Append(c);
                }
            }
            else if (c is '\'' or '"')
            {
                quote = c;
                inWord = true;
            }
            else if (char.IsWhiteSpace(c))
            {
                if (inWord)
                {
                    result.Add(current.ToString());
                    current.Clear();
                    inWord = false;
                }
            }
            else
            {
                current.Append(c);
                inWord = true;
            }
        }

        if (quote is not null)
        {
            error = $"a {quote} quote is not closed";
            return null;
        }

        if (inWord)
        {
            result.Add(current.ToString());
        }

        if (result.Count == 0)
        {
            error = "it is empty";
            return null;
        }

        return result;
    }

    /// <summary>A URL; a bare host name (as in ALB_DNS) means http://host.</summary>
    public static Uri? Url(string text)
    {
        var trimmed = text.Trim();
        if (!trimmed.Contains("://", StringComparison.Ordinal))
        {
            trimmed = "http://" + trimmed;
        }

        return Uri.TryCreate(trimmed, UriKind.Absolute, out var uri) &&
               (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps) &&
               uri.Host.Length > 0
            ? uri
            : null;
    }

    [GeneratedRegex(@"^(?:(?<h>\d+)h)?(?:(?<m>\d+)m)?(?:(?<s>\d+)s)?$", RegexOptions.IgnoreCase)]
    private static partial Regex DurationPattern();
}
