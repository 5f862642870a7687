using TikTimer.Delivery.Platform;
using TikTimer.Delivery.Reporting;

namespace TikTimer.Delivery.Tests.Configuration;

/// <summary>docker-path, the setting the docker client's own hints name, exists and reaches the client.</summary>
public class DockerPathTests
{
    [Test]
    public void The_docker_path_setting_is_the_client_the_run_uses()
    {
        using var fixture = new SettingsFixture();
        fixture.WriteFile("tools/docker", "#!/bin/sh\n");
        fixture.Arguments["docker-path"] = "tools/docker";

        using var services = new DeliveryServices(fixture.Resolve().Settings, new RecordingDeliveryLog());

        Assert.That(services.Docker.Options.ExecutablePath, Is.EqualTo(Path.Combine(fixture.Root, "tools/docker")));
        Assert.That(services.Docker.Executable, Is.EqualTo(Path.Combine(fixture.Root, "tools/docker")));
    }
}
