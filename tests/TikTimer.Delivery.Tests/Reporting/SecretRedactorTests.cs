using TikTimer.Delivery.Reporting;

namespace TikTimer.Delivery.Tests.Reporting;

public class SecretRedactorTests
{
    [Test]
    public void A_registered_secret_is_masked_wherever_it_appears()
    {
        var redactor = new SecretRedactor();
        redactor.Add("s3cr3t-token");

        Assert.That(redactor.Redact("token=s3cr3t-token; again s3cr3t-token."), Is.EqualTo("token=***; again ***."));
    }

    [Test]
    public void A_secret_of_four_characters_is_masked()
    {
        var redactor = new SecretRedactor();
        redactor.Add("abcd");

        Assert.That(redactor.Redact("x abcd y"), Is.EqualTo("x *** y"));
    }

    [Test]
    public void A_secret_of_three_characters_is_too_short_to_mask()
    {
        var redactor = new SecretRedactor();
        redactor.Add("abc");

        Assert.That(redactor.Redact("x abc y"), Is.EqualTo("x abc y"));
    }

    [TestCase(null)]
    [TestCase("")]
    public void Nothing_registered_for_an_empty_value(string? secret)
    {
        var redactor = new SecretRedactor();
        redactor.Add(secret);

        Assert.That(redactor.Redact("nothing to hide"), Is.EqualTo("nothing to hide"));
    }

    [Test]
    public void A_short_secret_registered_before_a_longer_one_containing_it_leaves_no_part_of_the_longer_one()
    {
        var redactor = new SecretRedactor();
        redactor.Add("pass");
        redactor.Add("password-9f8e");

        Assert.That(redactor.Redact("db password-9f8e and pass"), Is.EqualTo("db *** and ***"));
    }

    [Test]
    public void A_secret_registered_twice_is_masked_like_once()
    {
        var redactor = new SecretRedactor();
        redactor.Add("hunter22");
        redactor.Add("hunter22");
        redactor.Add("hunter22-longer");

        Assert.That(redactor.Redact("hunter22-longer hunter22"), Is.EqualTo("*** ***"));
    }

    [Test]
    public void Matching_is_exact_case()
    {
        var redactor = new SecretRedactor();
        redactor.Add("Token-ABC");

        Assert.That(redactor.Redact("token-abc Token-ABC"), Is.EqualTo("token-abc ***"));
    }
}
