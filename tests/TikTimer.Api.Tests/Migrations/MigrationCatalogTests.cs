using TikTimer.Api.Migrations;

namespace TikTimer.Api.Tests.Migrations;

public class MigrationCatalogTests
{
    [Test]
    public void The_embedded_migrations_create_users_then_social_accounts_then_posts()
    {
        var ids = MigrationCatalog.Embedded().Select(m => m.Id);

        Assert.That(ids, Is.EqualTo(new[] { "0001_users", "0002_social_accounts", "0003_posts" }));
    }

    [Test]
    public void Scripts_are_ordered_by_version_not_by_name()
    {
        var migrations = MigrationCatalog.FromScripts([("10_b.sql", "SELECT 1"), ("9_a.sql", "SELECT 1")]);

        Assert.That(migrations.Select(m => m.Version), Is.EqualTo(new[] { 9, 10 }));
    }

    [Test]
    public void Two_scripts_with_one_version_are_refused()
    {
        var error = Assert.Throws<MigrationException>(() =>
            MigrationCatalog.FromScripts([("0001_a.sql", "SELECT 1"), ("0001_b.sql", "SELECT 2")]));

        Assert.That(error!.Message, Does.Contain("0001_a").And.Contain("0001_b"));
    }

    [Test]
    public void A_script_not_named_version_underscore_name_is_refused()
    {
        var error = Assert.Throws<MigrationException>(() => MigrationCatalog.FromScripts([("users.sql", "SELECT 1")]));

        Assert.That(error!.Message, Does.Contain("users.sql").And.Contain("NNNN_name.sql"));
    }

    [Test]
    public void Line_endings_do_not_change_the_checksum()
    {
        Assert.That(new Migration(1, "a", "SELECT 1;\r\nSELECT 2;").Checksum, Is.EqualTo(new Migration(1, "a", "SELECT 1;\nSELECT 2;").Checksum));
    }
}
