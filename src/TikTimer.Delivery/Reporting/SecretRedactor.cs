namespace TikTimer.Delivery.Reporting;

/// <summary>
/// Replaces registered secrets in text. Thread-safe: waits stream logs from
/// background pollers while the main flow registers new secrets.
/// </summary>
public sealed class SecretRedactor
{
    public const string Mask = "***";

    // Very short values (e.g. "1") would mask unrelated text and tell an
    // attacker nothing they could not guess; they are not worth masking.
    private const int MinimumLength = 4;

    private readonly object _gate = new();
    private string[] _secrets = [];

    public void Add(string? secret)
    {
        if (string.IsNullOrEmpty(secret) || secret.Length < MinimumLength)
        {
            return;
        }

        lock (_gate)
        {
            // Longest first, so a secret that contains another is masked whole.
            _secrets = [.. _secrets.Append(secret).Distinct(StringComparer.Ordinal).OrderByDescending(s => s.Length)];
        }
    }

    public string Redact(string text)
    {
        var secrets = Volatile.Read(ref _secrets);
        foreach (var secret in secrets)
        {
            text = text.Replace(secret, Mask, StringComparison.Ordinal);
        }

        return text;
    }
}
