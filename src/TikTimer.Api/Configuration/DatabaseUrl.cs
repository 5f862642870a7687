using Npgsql;

namespace TikTimer.Api.Configuration;

/// <summary>
/// Turns a libpq-style URL (<c>postgres://user:password@host:port/database?sslmode=require</c>,
/// the form Heroku, RDS tooling and most PaaS hand out) into an Npgsql connection string.
/// User name, password and database are percent-decoded, so a password holding
/// <c>@ : / ? #</c> must be percent-encoded in the URL.
/// </summary>
public static class DatabaseUrl
{
    public const int DefaultPort = 5432;

    private const string Expected =
        "expected postgres://user:password@host:port/database (percent-encode special characters in the user name and password)";

    /// <exception cref="ConfigurationException">The URL is malformed; the message never repeats it.</exception>
    public static NpgsqlConnectionStringBuilder Parse(string url, string settingName = "DATABASE_URL")
    {
        if (!Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri))
        {
            throw Invalid(settingName, "it is not an absolute URL");
        }

        if (uri.Scheme is not ("postgres" or "postgresql"))
        {
            throw Invalid(settingName, $"the scheme is '{uri.Scheme}', not postgres or postgresql");
        }

        var host = uri.IdnHost;
        if (string.IsNullOrEmpty(host))
        {
            throw Invalid(settingName, "it names no host");
        }

        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = host,
            Port = uri.IsDefaultPort || uri.Port < 0 ? DefaultPort : uri.Port,
        };

        ApplyUserInfo(builder, uri.UserInfo);

        var database = Uri.UnescapeDataString(uri.AbsolutePath.Trim('/'));
        if (database.Length > 0)
        {
            // Without a database name libpq (and Npgsql) fall back to the user name, as here.
            builder.Database = database;
        }

        ApplyQuery(builder, uri.Query, settingName);
        return builder;
    }

    private static void ApplyUserInfo(NpgsqlConnectionStringBuilder builder, string userInfo)
    {
        if (userInfo.Length == 0)
        {
            return;
        }

        var separator = userInfo.IndexOf(':', StringComparison.Ordinal);
        var user = separator < 0 ? userInfo : userInfo[..separator];
        builder.Username = Uri.UnescapeDataString(user);
        if (separator >= 0)
        {
            builder.Password = Uri.UnescapeDataString(userInfo[(separator + 1)..]);
        }
    }

    private static void ApplyQuery(NpgsqlConnectionStringBuilder builder, string query, string settingName)
    {
        foreach (var pair in query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var key = Uri.UnescapeDataString(equals < 0 ? pair : pair[..equals]);
            var value = equals < 0 ? string.Empty : Uri.UnescapeDataString(pair[(equals + 1)..]);
            switch (key)
            {
                case "sslmode":
                    builder.SslMode = ParseSslMode(value, settingName);
                    break;
                case "sslrootcert":
                    builder.RootCertificate = value;
                    break;
                case "gssencmode":
                    builder.GssEncryptionMode = value switch
                    {
                        "disable" => GssEncryptionMode.Disable,
                        "prefer" => GssEncryptionMode.Prefer,
                        "require" => GssEncryptionMode.Require,
                        _ => throw Invalid(settingName, $"gssencmode '{value}' is not one of disable, prefer, require"),
                    };
                    break;
                case "connect_timeout":
                    builder.Timeout = ParsePositiveInt(key, value, settingName);
                    break;
                case "application_name":
                    builder.ApplicationName = value;
                    break;
                default:
                    // A typo here (sslmod=require) would silently weaken the connection: refuse it.
                    throw Invalid(settingName, $"the query parameter '{key}' is not supported (supported: sslmode, sslrootcert, gssencmode, connect_timeout, application_name)");
            }
        }
    }

    private static SslMode ParseSslMode(string value, string settingName) => value switch
    {
        "disable" => SslMode.Disable,
        "allow" => SslMode.Allow,
        "prefer" => SslMode.Prefer,
        "require" => SslMode.Require,
        "verify-ca" => SslMode.VerifyCA,
        "verify-full" => SslMode.VerifyFull,
        _ => throw Invalid(settingName, $"sslmode '{value}' is not one of disable, allow, prefer, require, verify-ca, verify-full"),
    };

    private static int ParsePositiveInt(string key, string value, string settingName) =>
        int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number) && number > 0
            ? number
            : throw Invalid(settingName, $"{key} must be a positive whole number of seconds");

    private static ConfigurationException Invalid(string settingName, string reason) =>
        new($"{settingName} is not a valid PostgreSQL URL: {reason}; {Expected}.");
}
