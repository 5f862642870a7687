namespace TikTimer.Delivery.Configuration;

/// <summary>
/// How one kind of setting reads its text. <see cref="Form"/> is what --help and
/// the README say the value looks like; <see cref="Json"/> is which JSON types
/// an environment file may use for it.
/// </summary>
public sealed record ValueParser<T>(string Form, JsonShape Json, Func<string, Parsed<T>> Parse)
{
    /// <summary>The same text rule, with a further check on the parsed value.</summary>
    public ValueParser<T> Where(Func<T, string?> check, string? form = null) =>
        new(form ?? Form, Json, text =>
        {
            var parsed = Parse(text);
            return parsed.Succeeded && check(parsed.Value) is { } error ? Parsed<T>.Fail(error) : parsed;
        });
}
