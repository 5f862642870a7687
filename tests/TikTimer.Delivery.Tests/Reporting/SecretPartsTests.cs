using TikTimer.Delivery.Configuration;
using TikTimer.Delivery.Local;
using TikTimer.Delivery.Reporting;

namespace TikTimer.Delivery.Tests.Reporting;

public class SecretPartsTests
{
    [Test]
    public void A_database_url_yields_itself_its_password_and_their_decoded_forms()
    {
        var parts = SecretParts.OfUrl("postgres://app:p%40ss-w0rd@db:5432/app").ToList();

        Assert.That(parts, Does.Contain("postgres://app:p%40ss-w0rd@db:5432/app"));
        Assert.That(parts, Does.Contain("p%40ss-w0rd"));
        Assert.That(parts, Does.Contain("p@ss-w0rd"));
        Assert.That(parts, Does.Contain("postgres://app:p@ss-w0rd@db:5432/app"));
    }

    [Test]
    public void A_password_printed_alone_is_masked_once_the_url_is_registered()
    {
        var redactor = new SecretRedactor();
        foreach (var part in SecretParts.OfUrl("postgres://app:hunter2-long@db/app"))
        {
            redactor.Add(part);
        }

        Assert.That(redactor.Redact("auth failed for password hunter2-long"), Is.EqualTo("auth failed for password ***"));
    }

    [Test]
    public void A_url_without_credentials_yields_only_itself()
    {
        Assert.That(SecretParts.OfUrl("postgres://db/app"), Is.EqualTo(new[] { "postgres://db/app" }));
    }

    [Test]
    public void The_local_environments_default_password_masks_no_name_the_local_run_prints()
    {
        var redactor = new SecretRedactor();
        foreach (var part in SecretParts.OfUrl(SettingCatalog.DatabaseUrl.Default))
        {
            redactor.Add(part);
        }

        var line = $"Migration task family {LocalPlatform.MigrationFamily} (container tiktimer-local-api on 127.0.0.1)";
        Assert.That(redactor.Redact(line), Is.EqualTo(line));
    }
}
