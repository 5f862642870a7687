using Cake.Core.Diagnostics;
using TikTimer.Delivery.Reporting;

namespace TikTimer.Build;

/// <summary>The library's log written through Cake's, every line redacted first.</summary>
public sealed class CakeDeliveryLog(ICakeLog log, Action<string>? onSecretRegistered = null) : IDeliveryLog
{
    private readonly SecretRedactor _redactor = new();

    public void Information(string message) => Write(Verbosity.Normal, LogLevel.Information, message);

    public void Warning(string message) => Write(Verbosity.Minimal, LogLevel.Warning, message);

    public void Error(string message) => Write(Verbosity.Quiet, LogLevel.Error, message);

    public void Verbose(string message) => Write(Verbosity.Verbose, LogLevel.Verbose, message);

    public void RegisterSecret(string secret)
    {
        _redactor.Add(secret);
        onSecretRegistered?.Invoke(secret);
    }

    public string Redact(string text) => _redactor.Redact(text);

    // Messages may contain braces (JSON, log lines); pass them as an argument
    // so Cake does not treat them as a format string.
    private void Write(Verbosity verbosity, LogLevel level, string message) =>
        log.Write(verbosity, level, "{0}", _redactor.Redact(message));
}
