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
        Assert.That(options.Subnets, Is.EqualTo(new[] { "subnet-0123456789abcdef0" }));
        Assert.That(options.SecurityGroups, Is.EqualTo(new[] { "sg-0123456789abcdef0" }));
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

    // Through the resolver, so the defaults are the catalog's; no task runs, so nothing is required.
    private static DeliverySettings Settings() => SettingsResolver.Resolve(new SettingsInputs(
        new Dictionary<string, string>
        {
            ["platform"] = "aws",
            ["region"] = "eu-west-1",
            ["aws-profile"] = "dev",
            ["create-repository"] = "true",
            ["tag-mutability"] = "MUTABLE",
            ["cluster"] = "TikTimer-dev",
            ["container-name"] = "api",
            ["migration-container-name"] = "migrate",
            ["subnets"] = "subnet-0123456789abcdef0",
            ["security-groups"] = "sg-0123456789abcdef0",
            ["capacity-provider"] = "FARGATE_SPOT",
        },
        _ => null,
        Path.GetTempPath())
    {
        Tasks = [],
    }).Settings;
}
