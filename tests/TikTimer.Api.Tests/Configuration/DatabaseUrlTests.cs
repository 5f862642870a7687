using Npgsql;
using TikTimer.Api.Configuration;

namespace TikTimer.Api.Tests.Configuration;

public class DatabaseUrlTests
{
    [Test]
    public void A_full_url_gives_host_port_user_password_and_database()
    {
        var builder = DatabaseUrl.Parse("postgres://tiktimer:tiktimer-pw-local@db.internal:6432/tiktimer");

        Assert.Multiple(() =>
        {
            Assert.That(builder.Host, Is.EqualTo("db.internal"));
            Assert.That(builder.Port, Is.EqualTo(6432));
            Assert.That(builder.Username, Is.EqualTo("tiktimer"));
            Assert.That(builder.Password, Is.EqualTo("tiktimer-pw-local"));
            Assert.That(builder.Database, Is.EqualTo("tiktimer"));
        });
    }

    [Test]
    public void The_postgresql_scheme_is_accepted_too()
    {
        Assert.That(DatabaseUrl.Parse("postgresql://u:p@h/d").Host, Is.EqualTo("h"));
    }

    [Test]
    public void A_url_without_port_uses_5432()
    {
        Assert.That(DatabaseUrl.Parse("postgres://u:p@h/d").Port, Is.EqualTo(5432));
    }

    [Test]
    public void Percent_encoded_user_password_and_database_are_decoded()
    {
        var builder = DatabaseUrl.Parse("postgres://app%40corp:p%40ss%3Aw%2Frd%23%3F@h/my%20db");

        Assert.Multiple(() =>
        {
            Assert.That(builder.Username, Is.EqualTo("app@corp"));
            Assert.That(builder.Password, Is.EqualTo("p@ss:w/rd#?"));
            Assert.That(builder.Database, Is.EqualTo("my db"));
        });
    }

    [Test]
    public void A_password_may_contain_a_colon_after_the_first()
    {
        Assert.That(DatabaseUrl.Parse("postgres://u:a:b@h/d").Password, Is.EqualTo("a:b"));
    }

    [TestCase("disable", SslMode.Disable)]
    [TestCase("require", SslMode.Require)]
    [TestCase("verify-full", SslMode.VerifyFull)]
    public void The_sslmode_query_parameter_sets_the_ssl_mode(string value, SslMode expected)
    {
        Assert.That(DatabaseUrl.Parse($"postgres://u:p@h/d?sslmode={value}").SslMode, Is.EqualTo(expected));
    }

    [Test]
    public void Several_query_parameters_are_all_applied()
    {
        var builder = DatabaseUrl.Parse("postgres://u:p@h/d?sslmode=require&connect_timeout=7&application_name=web");

        Assert.Multiple(() =>
        {
            Assert.That(builder.SslMode, Is.EqualTo(SslMode.Require));
            Assert.That(builder.Timeout, Is.EqualTo(7));
            Assert.That(builder.ApplicationName, Is.EqualTo("web"));
        });
    }

    [Test]
    public void An_ipv6_host_loses_its_brackets()
    {
        Assert.That(DatabaseUrl.Parse("postgres://u:p@[::1]:5433/d").Host, Is.EqualTo("::1"));
    }

    [Test]
    public void A_url_without_database_leaves_it_to_the_user_name_default()
    {
        Assert.That(DatabaseUrl.Parse("postgres://u:p@h").Database, Is.Null);
    }

    [TestCase("mysql://u:secret-pw@h/d", "scheme")]
    [TestCase("not a url secret-pw", "not an absolute URL")]
    [TestCase("postgres://u:secret-pw@h/d?sslmod=require", "'sslmod' is not supported")]
    [TestCase("postgres://u:secret-pw@h/d?sslmode=sometimes", "sslmode 'sometimes'")]
    [TestCase("postgres://u:secret-pw@h/d?connect_timeout=soon", "connect_timeout")]
    public void A_malformed_url_is_refused_with_the_reason_and_without_the_password(string url, string reason)
    {
        var error = Assert.Throws<ConfigurationException>(() => DatabaseUrl.Parse(url));

        Assert.That(error!.Message, Does.StartWith("DATABASE_URL is not a valid PostgreSQL URL"));
        Assert.That(error.Message, Does.Contain(reason));
        Assert.That(error.Message, Does.Not.Contain("secret-pw"));
    }
}
