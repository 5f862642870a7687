namespace TikTimer.Delivery;

/// <summary>
/// A failure the pipeline can explain: the message names the step and the
/// resource and, where there is one, the fix. The host prints it without a
/// stack trace and exits 1.
/// </summary>
public class DeliveryException : Exception
{
    public DeliveryException(string message)
        : base(message)
    {
    }

    public DeliveryException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
