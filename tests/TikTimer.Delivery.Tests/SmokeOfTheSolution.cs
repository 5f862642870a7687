namespace TikTimer.Delivery.Tests;

public class DeliveryExceptionTests
{
    [Test]
    public void A_delivery_exception_keeps_its_message_and_cause()
    {
        var cause = new InvalidOperationException("inner");
        var error = new DeliveryException("MigrateViaEcs: task failed", cause);

        Assert.That(error.Message, Is.EqualTo("MigrateViaEcs: task failed"));
        Assert.That(error.InnerException, Is.SameAs(cause));
    }
}
