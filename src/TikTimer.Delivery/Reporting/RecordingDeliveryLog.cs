using System.Collections.Concurrent;

namespace TikTimer.Delivery.Reporting;

/// <summary>
/// Keeps every line in memory, redacted, for tests and for repeating the last
/// lines of a failure in its summary.
/// </summary>
public sealed class RecordingDeliveryLog : IDeliveryLog
{
    private readonly SecretRedactor _redactor = new();
    private readonly ConcurrentQueue<string> _lines = new();

    public IReadOnlyList<string> Lines => [.. _lines];

    public string Text => string.Join('\n', _lines);

    public void Information(string message) => _lines.Enqueue(_redactor.Redact(message));

    public void Warning(string message) => _lines.Enqueue("WARNING: " + _redactor.Redact(message));

    public void Error(string message) => _lines.Enqueue("ERROR: " + _redactor.Redact(message));

    public void Verbose(string message) => _lines.Enqueue(_redactor.Redact(message));

    public void RegisterSecret(string secret) => _redactor.Add(secret);
}
