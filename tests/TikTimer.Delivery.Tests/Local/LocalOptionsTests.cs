using TikTimer.Delivery.Local;

namespace TikTimer.Delivery.Tests.Local;

public class LocalOptionsTests
{
    [Test]
    public void The_defaults_are_valid()
    {
        Assert.That(() => new LocalOneOffTaskOptions().Validate(), Throws.Nothing);
        Assert.That(() => new LocalServiceOptions().Validate(), Throws.Nothing);
    }

    [Test]
    public void Two_equal_ports_are_refused_naming_the_option()
    {
        var options = new LocalServiceOptions { Ports = [18080, 18080] };

        Assert.That(() => options.Validate(), Throws.ArgumentException.With.Property("ParamName").EqualTo("Ports"));
    }

    [Test]
    public void A_container_name_prefix_docker_would_refuse_is_refused()
    {
        var options = new LocalOneOffTaskOptions { ContainerNamePrefix = "TikTimer migrate" };

        Assert.That(() => options.Validate(), Throws.ArgumentException.With.Property("ParamName").EqualTo("ContainerNamePrefix"));
    }

    [Test]
    public void The_database_url_never_shows_in_the_options_text()
    {
        var options = new LocalServiceOptions { DatabaseUrl = "postgres://tiktimer:s3cret@127.0.0.1:5432/tiktimer" };

        Assert.That(options.ToString(), Does.Not.Contain("s3cret"));
        Assert.That(new LocalOneOffTaskOptions { DatabaseUrl = options.DatabaseUrl }.ToString(), Does.Not.Contain("s3cret"));
    }

    [Test]
    public void A_service_name_becomes_a_docker_friendly_name_prefix()
    {
        Assert.That(LocalNames.ServicePrefix("tiktimer", "My_Api"), Is.EqualTo("tiktimer-my-api"));
    }
}
