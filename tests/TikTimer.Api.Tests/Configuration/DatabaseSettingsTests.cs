using Npgsql;
using TikTimer.Api.Configuration;

namespace TikTimer.Api.Tests.Configuration;

public class DatabaseSettingsTests
{
    private static Func<string, string?> Environment(params (string Name, string Value)[] variables) =>
        name => variables.FirstOrDefault(v => v.Name == name).Value;

    [Test]
    public void Database_url_wins_over_the_connection_string()
    {
        var settings = DatabaseSettings.FromEnvironment(Environment(
            ("DATABASE_URL", "postgres://u:p@from-url/d"),
            ("ConnectionStrings__Default", "Host=from-connection-string;Username=u")));

        Assert.That(new NpgsqlConnectionStringBuilder(settings.ConnectionString).Host, Is.EqualTo("from-url"));
        Assert.That(settings.Source, Is.EqualTo("DATABASE_URL"));
    }

    [Test]
    public void The_connection_string_is_used_when_there_is_no_database_url()
    {
        var settings = DatabaseSettings.FromEnvironment(Environment(
            ("ConnectionStrings__Default", "Host=db;Port=6000;Username=u;Password=p;Database=d")));

        Assert.That(new NpgsqlConnectionStringBuilder(settings.ConnectionString).Port, Is.EqualTo(6000));
        Assert.That(settings.Source, Is.EqualTo("ConnectionStrings__Default"));
    }

    [Test]
    public void Without_either_setting_the_error_names_both()
    {
        var error = Assert.Throws<ConfigurationException>(() => DatabaseSettings.FromEnvironment(Environment()));

        Assert.That(error!.Message, Does.Contain("DATABASE_URL").And.Contain("ConnectionStrings__Default"));
    }

    [Test]
    public void A_malformed_connection_string_is_refused_without_its_value()
    {
        var error = Assert.Throws<ConfigurationException>(() => DatabaseSettings.FromEnvironment(Environment(
            ("ConnectionStrings__Default", "Host=db;Password=secret-pw;Bogus Keyword=1"))));

        Assert.That(error!.Message, Does.Contain("ConnectionStrings__Default"));
        Assert.That(error.Message, Does.Not.Contain("secret-pw"));
    }

    [Test]
    public void The_description_names_the_database_but_not_the_password()
    {
        var settings = DatabaseSettings.FromEnvironment(Environment(("DATABASE_URL", "postgres://app:secret-pw@db:5433/tiktimer")));

        Assert.That(settings.Description, Is.EqualTo("database 'tiktimer' on db:5433 as 'app'"));
        Assert.That(settings.ToString(), Does.Not.Contain("secret-pw"));
    }

    [Test]
    public void Gss_encryption_is_off_unless_asked_for()
    {
        var plain = DatabaseSettings.FromConnectionString("Host=db;Username=u");
        var asked = DatabaseSettings.FromEnvironment(Environment(("DATABASE_URL", "postgres://u:p@db/d?gssencmode=prefer")));

        Assert.That(new NpgsqlConnectionStringBuilder(plain.ConnectionString).GssEncryptionMode, Is.EqualTo(GssEncryptionMode.Disable));
        Assert.That(new NpgsqlConnectionStringBuilder(asked.ConnectionString).GssEncryptionMode, Is.EqualTo(GssEncryptionMode.Prefer));
    }

    [Test]
    public void The_version_defaults_to_dev()
    {
        var settings = ServiceSettings.FromEnvironment(Environment(("DATABASE_URL", "postgres://u:p@db/d")));

        Assert.That(settings.Version, Is.EqualTo("dev"));
    }

    [Test]
    public void The_version_comes_from_app_version()
    {
        var settings = ServiceSettings.FromEnvironment(Environment(("DATABASE_URL", "postgres://u:p@db/d"), ("APP_VERSION", "3f2c1ab")));

        Assert.That(settings.Version, Is.EqualTo("3f2c1ab"));
    }
}
