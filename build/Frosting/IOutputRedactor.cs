namespace Cake.Frosting;

/// <summary>
/// A build context that knows secrets can implement this: the host passes the
/// final error message through it, since a failure's message may quote output
/// (e.g. a migration's last log lines) that was masked when it streamed.
/// Not part of Cake.Frosting: with the real package, wrap such exceptions instead.
/// </summary>
public interface IOutputRedactor
{
    string Redact(string text);
}
