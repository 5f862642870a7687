namespace TikTimer.Delivery.Aws;

/// <summary>
/// No answer came back from AWS (connection failure or the per-attempt timeout) after
/// the allowed attempts, or after the first attempt of a call that is unsafe to repeat.
/// </summary>
public sealed class AwsTransportException : DeliveryException
{
    public AwsTransportException(string message, string service, string operation, int attempts, bool outcomeUnknown, Exception innerException)
        : base(message, innerException)
    {
        Service = service;
        Operation = operation;
        Attempts = attempts;
        OutcomeUnknown = outcomeUnknown;
    }

    public string Service { get; }

    public string Operation { get; }

    public int Attempts { get; }

    /// <summary>True when the request may have reached AWS and been carried out.</summary>
    public bool OutcomeUnknown { get; }
}
