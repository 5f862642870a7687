namespace TikTimer.Api.Configuration;

/// <summary>
/// The service cannot start (or migrate) because a setting is missing or malformed.
/// The message names the setting and the fix, and never carries the setting's value:
/// connection settings hold the database password.
/// </summary>
public sealed class ConfigurationException : Exception
{
    public ConfigurationException(string message)
        : base(message)
    {
    }
}
