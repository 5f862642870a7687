namespace TikTimer.Delivery.Reporting;

/// <summary>
/// The forms a secret can be printed in. A database URL leaks through its
/// password as much as through the whole URL (a tool may print only the
/// password, or the URL with its percent-escapes decoded).
/// </summary>
public static class SecretParts
{
    public static IEnumerable<string> Of(string? secret) =>
        string.IsNullOrEmpty(secret) ? [] : [secret];

    public static IEnumerable<string> OfUrl(string? url)
    {
        if (string.IsNullOrEmpty(url))
        {
            yield break;
        }

        yield return url;
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.UserInfo.Length == 0)
        {
            yield break;
        }

        var separator = uri.UserInfo.IndexOf(':', StringComparison.Ordinal);
        if (separator < 0)
        {
            yield break;
        }

        var password = uri.UserInfo[(separator + 1)..];
        yield return password;
        var decoded = Uri.UnescapeDataString(password);
        if (decoded != password)
        {
            yield return decoded;
            yield return url.Replace(password, decoded, StringComparison.Ordinal);
        }
    }
}
