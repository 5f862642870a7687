using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace TikTimer.Delivery.Local;

/// <summary>Container names: a readable prefix and a short random suffix, unique per run.</summary>
internal static partial class LocalNames
{
    public const string DatabaseUrlVariable = "DATABASE_URL";

    public static string NewContainerName(string prefix) =>
        $"{prefix}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}";

    /// <summary><c>tiktimer</c> + <c>My_Api</c> -> <c>tiktimer-my-api</c>: docker names allow fewer characters than service names.</summary>
    public static string ServicePrefix(string prefix, string service)
    {
        var cleaned = NotAllowed().Replace(service.ToLowerInvariant(), "-").Trim('-');
        return cleaned.Length == 0 ? prefix : $"{prefix}-{cleaned}";
    }

    public static void RequirePrefix(string? prefix, string name)
    {
        if (prefix is null || !Prefix().IsMatch(prefix))
        {
            throw new ArgumentException($"{name} '{prefix}' must be lower-case letters, digits and dashes, starting with a letter (at most 50 characters).", name);
        }
    }

    [GeneratedRegex("[^a-z0-9-]+")]
    private static partial Regex NotAllowed();

    [GeneratedRegex("^[a-z][a-z0-9-]{0,49}$")]
    private static partial Regex Prefix();
}
