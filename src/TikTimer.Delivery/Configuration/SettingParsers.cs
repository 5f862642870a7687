using System.Globalization;
using System.Text.RegularExpressions;
using TikTimer.Delivery.Images;
using TikTimer.Delivery.Smoke;
using TikTimer.Delivery.Reporting;

namespace TikTimer.Delivery.Configuration;

/// <summary>The typed parsers catalog entries are made of; each error says what is wrong and what would be right.</summary>
public static partial class SettingParsers
{
    private const JsonShape Scalar = JsonShape.String;
    private const JsonShape ListShape = JsonShape.String | JsonShape.Array;

    public static ValueParser<string?> Text { get; } = new("text", Scalar, text => Parsed<string?>.Ok(text.Trim() is { Length: > 0 } t ? t : null));

    public static ValueParser<string?> Path { get; } = new("path", Scalar, text => Parsed<string?>.Ok(text.Trim() is { Length: > 0 } t ? t : null));

    public static ValueParser<bool> Boolean { get; } = new("true or false", JsonShape.Boolean, text =>
        ValueParsers.Boolean(text) is { } value ? Parsed<bool>.Ok(value) : Parsed<bool>.Fail("is not a boolean; use true or false"));

    public static ValueParser<DeliveryPlatform?> Platform { get; } = new("aws or local", Scalar, text =>
        text.Trim().ToLowerInvariant() switch
        {
            "aws" => Parsed<DeliveryPlatform?>.Ok(DeliveryPlatform.Aws),
            "local" => Parsed<DeliveryPlatform?>.Ok(DeliveryPlatform.Local),
            _ => Parsed<DeliveryPlatform?>.Fail("is not a platform; use aws or local"),
        });

    public static ValueParser<Uri?> Url { get; } = new("http(s) URL or host name", Scalar, text =>
        text.Trim().Length == 0 ? Parsed<Uri?>.Ok(null)
        : ValueParsers.Url(text) is { } url ? Parsed<Uri?>.Ok(url)
        : Parsed<Uri?>.Fail("is not an http(s) URL or host name"));

    public static ValueParser<IReadOnlyList<string>> List { get; } = new("comma-separated list", ListShape, text =>
        ValueParsers.List(text, out var error) is { } items
            ? Parsed<IReadOnlyList<string>>.Ok(items)
            : Parsed<IReadOnlyList<string>>.Fail($"is not a valid comma-separated list ({error}); write e.g. a,b,c with no empty items"));

    public static ValueParser<IReadOnlyList<string>?> Command { get; } = new("command, e.g. \"alembic upgrade head\" or a JSON array", JsonShape.String | JsonShape.Array | JsonShape.ArrayAsJson, text =>
        text.Trim().Length == 0 ? Parsed<IReadOnlyList<string>?>.Ok(null)
        : ValueParsers.Command(text, out var error) is { } words ? Parsed<IReadOnlyList<string>?>.Ok(words)
        : Parsed<IReadOnlyList<string>?>.Fail($"is not a valid command ({error}); write e.g. migrate or [\"migrate\",\"--verbose\"]"));

    /// <summary>Docker's tag grammar, the one BuildImage applies.</summary>
    public static ValueParser<string?> ImageTag { get; } = Text.Where(
        tag => tag is null || ImageTagPolicy.IsValidTag(tag) ? null : TagError,
        "docker tag");

    public static ValueParser<IReadOnlyList<string>> ImageTags { get; } = List.Where(
        tags => tags.FirstOrDefault(t => !ImageTagPolicy.IsValidTag(t)) is { } bad ? $"has '{bad}', which {TagError}" : null,
        "comma-separated docker tags");

    public static ValueParser<string> RepositoryName { get; } = Required(Text).Where(
        name => ImageBuildOptions.IsValidImageName(name) ? null
            : "is not a repository name Docker and ECR accept; use lower-case letters, digits and . _ - separators, with / between path parts, e.g. tiktimer or team/api",
        "repository name");

    /// <summary>An image pinned by digest: later stages must run exactly what was pushed.</summary>
    public static ValueParser<string?> DigestReference { get; } = Text.Where(
        image => image is null || DigestReferencePattern().IsMatch(image) && ImageBuildOptions.IsValidImageName(RepositoryPart(image)) ? null
            : "is not an image pinned by digest; use <registry>/<repository>@sha256:<64 hex digits>, as PushToEcr prints it (Image: ...)",
        "repository@sha256:<64 hex>");

    /// <summary>The two ports the local service alternates between: exactly two, distinct, unprivileged.</summary>
    public static ValueParser<IReadOnlyList<int>> PortPair { get; } = new("two ports, e.g. 18080,18081", ListShape | JsonShape.Number, text =>
    {
        if (ValueParsers.List(text, out var listError) is not { } items)
        {
            return Parsed<IReadOnlyList<int>>.Fail($"is not a valid comma-separated list ({listError}); write two ports, e.g. 18080,18081");
        }

        var ports = new List<int>();
        foreach (var item in items)
        {
            if (!int.TryParse(item, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1024 or > 65535)
            {
                return Parsed<IReadOnlyList<int>>.Fail($"has '{item}', which is not a port from 1024 to 65535");
            }

            ports.Add(port);
        }

        return ports.Count != 2 ? Parsed<IReadOnlyList<int>>.Fail($"has {ports.Count} port{(ports.Count == 1 ? string.Empty : "s")}, but the local platform needs exactly two (the new container starts on one while the old one serves on the other); write e.g. 18080,18081")
            : ports[0] == ports[1] ? Parsed<IReadOnlyList<int>>.Fail("names the same port twice, but the new container must start beside the old one; write two different ports, e.g. 18080,18081")
            : Parsed<IReadOnlyList<int>>.Ok(ports);
    });

    public static ValueParser<IReadOnlyDictionary<string, string>> Pairs { get; } = new("comma-separated NAME=VALUE", ListShape, text =>
    {
        if (ValueParsers.List(text, out var error) is not { } items)
        {
            return Parsed<IReadOnlyDictionary<string, string>>.Fail($"is not a valid comma-separated list ({error}); write e.g. NAME=VALUE,OTHER=VALUE");
        }

        var pairs = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            var separator = item.IndexOf('=', StringComparison.Ordinal);
            if (separator <= 0)
            {
                return Parsed<IReadOnlyDictionary<string, string>>.Fail($"has '{item}', which is not NAME=VALUE");
            }

            if (!pairs.TryAdd(item[..separator], item[(separator + 1)..]))
            {
                return Parsed<IReadOnlyDictionary<string, string>>.Fail($"sets {item[..separator]} twice");
            }
        }

        return Parsed<IReadOnlyDictionary<string, string>>.Ok(pairs);
    });

    public static ValueParser<IReadOnlyList<SmokeCheck>> SmokeChecks { get; } = new("comma-separated PATH=STATUS", ListShape, text =>
    {
        if (ValueParsers.List(text, out var error) is not { } items)
        {
            return Parsed<IReadOnlyList<SmokeCheck>>.Fail($"is not a valid comma-separated list ({error}); write e.g. /metrics=200");
        }

        var checks = new List<SmokeCheck>();
        foreach (var item in items)
        {
            if (!SmokeCheck.TryParse(item, out var check))
            {
                return Parsed<IReadOnlyList<SmokeCheck>>.Fail($"has '{item}', which is not PATH=STATUS (e.g. /metrics=200)");
            }

            checks.Add(check);
        }

        return Parsed<IReadOnlyList<SmokeCheck>>.Ok(checks);
    });

    /// <summary>A path on the service, from its root: /health.</summary>
    public static ValueParser<string?> UrlPath { get; } = Text.Where(
        path => path is null || (path.StartsWith('/') && !path.Any(char.IsWhiteSpace)) ? null : "is not a path; write it from the service's root, e.g. /health",
        "path on the service, e.g. /health");

    /// <summary>Like <see cref="UrlPath"/>; <c>off</c> (or empty) means none, since an empty environment variable counts as unset.</summary>
    public static ValueParser<string?> OptionalUrlPath { get; } = new("path on the service, or off", Scalar, text =>
        text.Trim().Equals("off", StringComparison.OrdinalIgnoreCase) ? Parsed<string?>.Ok(null) : UrlPath.Parse(text));

    public static ValueParser<string?> JsonFieldPath { get; } = Text.Where(
        field => field is null || !field.Split('.').Any(name => name.Length == 0) ? null : "has an empty field name; write e.g. version or build.version",
        "JSON field, e.g. version or build.version");

    /// <summary>An AWS region's shape; whether it is a known one is checked with the other settings (it can be overridden).</summary>
    public static ValueParser<string?> Region { get; } = Text.Where(
        region => region is null || RegionPattern().IsMatch(region) ? null
            : "is not an AWS region name; use e.g. eu-west-1 or us-east-1" + (AwsRegions.Suggest(region) is { } near ? $" (did you mean {near}?)" : string.Empty),
        "AWS region, e.g. eu-west-1");

    public static ValueParser<int> Integer(int min, int max) => new($"whole number, {min} to {max}", JsonShape.Number | JsonShape.String, text =>
        int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? Parsed<int>.Ok(value)
            : Parsed<int>.Fail($"is not a whole number from {min} to {max}"));

    /// <summary>A duration within what the step that waits for it supports.</summary>
    public static ValueParser<TimeSpan> Duration((TimeSpan Min, TimeSpan Max) range) =>
        new($"duration, {DurationText.Format(range.Min)} to {DurationText.Format(range.Max)} (90s, 10m, 1h30m, 00:10:00)", JsonShape.String | JsonShape.Number, text =>
            // Zero is a duration like any other; the range says whether the step accepts it.
            ValueParsers.Duration(text) is not { } value || value < TimeSpan.Zero || (value == TimeSpan.Zero && range.Min > TimeSpan.Zero)
                ? Parsed<TimeSpan>.Fail(range.Min > TimeSpan.Zero ? "is not a positive duration; use e.g. 90s, 10m, 1h30m or 00:10:00" : "is not a duration; use e.g. 0s, 90s, 10m, 1h30m or 00:10:00")
                : value < range.Min || value > range.Max
                    ? Parsed<TimeSpan>.Fail($"is outside the range this step supports, {DurationText.Format(range.Min)} to {DurationText.Format(range.Max)}")
                    : Parsed<TimeSpan>.Ok(value));

    /// <summary>One of a few words, case-insensitive, read as the upper-case word AWS uses.</summary>
    public static ValueParser<string> OneOf(params string[] words) => new(string.Join(", ", words), Scalar, text =>
        words.FirstOrDefault(w => string.Equals(w, text.Trim(), StringComparison.OrdinalIgnoreCase)) is { } word
            ? Parsed<string>.Ok(word)
            : Parsed<string>.Fail($"must be {string.Join(", ", words[..^1])} or {words[^1]}"));

    public static ValueParser<string?> Matching(Regex pattern, string form, string what) => Text.Where(
        value => value is null || pattern.IsMatch(value) ? null : $"is not {what}",
        form);

    /// <summary>A list whose every item must match: e.g. subnet ids.</summary>
    public static ValueParser<IReadOnlyList<string>> ListOf(Regex pattern, string form, string what) => List.Where(
        items => items.FirstOrDefault(i => !pattern.IsMatch(i)) is { } bad ? $"has '{bad}', which is not {what}" : null,
        form);

    /// <summary>A text that may not be blank (its setting has a default, so blank can only be a mistake).</summary>
    public static ValueParser<string> Required(ValueParser<string?> parser) => new(parser.Form, parser.Json, text =>
        parser.Parse(text) is { Succeeded: true, Value: { } value } ? Parsed<string>.Ok(value)
        : parser.Parse(text) is { Succeeded: false, Error: { } error } ? Parsed<string>.Fail(error)
        : Parsed<string>.Fail("is empty; give a value or leave the setting out for its default"));

    private const string TagError = "is not a tag Docker accepts: up to 128 of A-Z a-z 0-9 _ . -, not starting with . or -";

    private static string RepositoryPart(string image)
    {
        var name = image[..image.IndexOf('@', StringComparison.Ordinal)];
        var slash = name.IndexOf('/', StringComparison.Ordinal);
        // A first part with a dot, a colon or "localhost" is the registry host, as Docker reads it.
        return slash > 0 && (name[..slash].Contains('.', StringComparison.Ordinal) || name[..slash].Contains(':', StringComparison.Ordinal) || name[..slash] == "localhost")
            ? name[(slash + 1)..]
            : name;
    }

    [GeneratedRegex("^[^@\\s]+@sha256:[0-9a-f]{64}$")]
    private static partial Regex DigestReferencePattern();

    [GeneratedRegex("^[a-z]{2,}(-[a-z]+)+-[0-9]{1,2}$")]
    private static partial Regex RegionPattern();
}
