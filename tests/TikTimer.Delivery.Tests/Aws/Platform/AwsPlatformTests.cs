using TikTimer.Delivery.Aws.Platform;
using TikTimer.Delivery.Configuration;

namespace TikTimer.Delivery.Tests.Aws.Platform;

public class AwsPlatformTests
{
    [Test]
    public void The_migration_task_options_come_from_the_settings()
    {
        var options = AwsPlatform.OneOffTaskOptionsFrom(Settings(), "eu-west-1");

        Assert.That(options.Cluster, Is.EqualTo("TikTimer-dev"));
        Assert.That(options.ContainerName, Is.EqualTo("migrate"));
        Assert.That(options.Subnets, Is.EqualTo(new[] { "subnet-1" }));
        Assert.That(options.SecurityGroups, Is.EqualTo(new[] { "sg-1" }));
        Assert.That(options.CapacityProvider, Is.EqualTo("FARGATE_SPOT"));
        Assert.That(options.PlatformVersion, Is.EqualTo("LATEST"));
        Assert.That(options.Problems(), Is.Empty);
    }

    [Test]
    public void The_registry_options_come_from_the_settings_and_the_caller_s_account()
    {
        var options = AwsPlatform.RegistryOptionsFrom(Settings(), "123456789012", "eu-west-1");

        Assert.That(options, Is.EqualTo(new EcrRegistryOptions { RepositoryName = "tiktimer", AccountId = "123456789012", Region = "eu-west-1", CreateRepository = true, TagMutability = "MUTABLE" }));
    }

    [Test]
    public void The_client_options_carry_region_profile_endpoints_and_attempts()
    {
        var options = AwsPlatform.ClientOptionsFrom(Settings() with { EcsEndpoint = new Uri("http://127.0.0.1:5005"), AwsMaxAttempts = 5 });

        Assert.That(options.Region, Is.EqualTo("eu-west-1"));
        Assert.That(options.Profile, Is.EqualTo("dev"));
        Assert.That(options.EcsEndpointUrl, Is.EqualTo(new Uri("http://127.0.0.1:5005")));
        Assert.That(options.MaxAttempts, Is.EqualTo(5));
    }

    private static DeliverySettings Settings() => new()
    {
        Environment = "dev",
        Platform = DeliveryPlatform.Aws,
        RepositoryRoot = "/repo",
        Region = "eu-west-1",
        AwsProfile = "dev",
        Repository = "tiktimer",
        Registry = "127.0.0.1:5000",
        RegistryUsername = "tiktimer",
        CreateRepository = true,
        TagMutability = "MUTABLE",
        DockerPlatform = "linux/amd64",
        Dockerfile = "Dockerfile",
        Cluster = "TikTimer-dev",
        ContainerName = "api",
        MigrationContainerName = "migrate",
        Subnets = ["subnet-1"],
        SecurityGroups = ["sg-1"],
        LaunchType = "FARGATE",
        CapacityProvider = "FARGATE_SPOT",
        PlatformVersion = "LATEST",
    };
}
