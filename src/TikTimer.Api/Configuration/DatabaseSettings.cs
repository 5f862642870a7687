using Npgsql;

namespace TikTimer.Api.Configuration;

/// <summary>
/// Where the database is. <see cref="ConnectionString"/> holds the password: pass it to
/// Npgsql only, and print <see cref="Description"/> instead.
/// </summary>
public sealed record DatabaseSettings
{
    public const string UrlVariable = "DATABASE_URL";
    public const string ConnectionStringVariable = "ConnectionStrings__Default";

    private DatabaseSettings(NpgsqlConnectionStringBuilder builder, string source, bool gssChosen)
    {
        if (!gssChosen)
        {
            // Npgsql tries GSS encryption first by default; the image carries no Kerberos library
            // (each attempt prints "Cannot load library libgssapi_krb5") and RDS offers no GSS.
            builder.GssEncryptionMode = GssEncryptionMode.Disable;
        }

        ConnectionString = builder.ConnectionString;
        Source = source;
        Description = $"database '{builder.Database ?? builder.Username}' on {builder.Host}:{builder.Port} as '{builder.Username}'";
    }

    public string ConnectionString { get; }

    /// <summary>Which setting the connection came from, for messages.</summary>
    public string Source { get; }

    /// <summary>Host, port, database and user: safe to print.</summary>
    public string Description { get; }

    public override string ToString() => Description;

    /// <summary>
    /// Reads <c>DATABASE_URL</c> (a postgres URL) or, when it is unset, <c>ConnectionStrings__Default</c>
    /// (an Npgsql connection string). The URL wins when both are set, because it is what
    /// platforms inject and what the deploy suite sets.
    /// </summary>
    public static DatabaseSettings FromEnvironment(Func<string, string?> getVariable)
    {
        var url = getVariable(UrlVariable);
        if (!string.IsNullOrWhiteSpace(url))
        {
            return new DatabaseSettings(DatabaseUrl.Parse(url, UrlVariable), UrlVariable, url.Contains("gssencmode", StringComparison.OrdinalIgnoreCase));
        }

        var connectionString = getVariable(ConnectionStringVariable);
        if (!string.IsNullOrWhiteSpace(connectionString))
        {
            return FromConnectionString(connectionString, ConnectionStringVariable);
        }

        throw new ConfigurationException(
            $"No database configured: set {UrlVariable} (postgres://user:password@host:port/database) " +
            $"or {ConnectionStringVariable} (Host=...;Port=...;Username=...;Password=...;Database=...).");
    }

    public static DatabaseSettings FromConnectionString(string connectionString, string source = "connection string")
    {
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException error)
        {
            // The builder's messages name keywords and positions, never values.
            throw new ConfigurationException($"{source} is not a valid Npgsql connection string: {error.Message}");
        }

        if (string.IsNullOrWhiteSpace(builder.Host))
        {
            throw new ConfigurationException($"{source} names no Host.");
        }

        return new DatabaseSettings(builder, source, connectionString.Contains("gss", StringComparison.OrdinalIgnoreCase));
    }
}
