namespace TikTimer.Delivery.Reporting;

/// <summary>
/// Where every stage writes what it is doing. The library never writes to the
/// console itself: the host decides how lines look (Cake log, CI log groups)
/// and masks registered secrets before anything is printed.
/// </summary>
public interface IDeliveryLog
{
    void Information(string message);

    void Warning(string message);

    void Error(string message);

    /// <summary>Detail shown only at verbose verbosity.</summary>
    void Verbose(string message);

    /// <summary>
    /// Registers a value that must never be printed (password, token, URL with
    /// credentials). Implementations replace it in every later line.
    /// </summary>
    void RegisterSecret(string secret);
}
