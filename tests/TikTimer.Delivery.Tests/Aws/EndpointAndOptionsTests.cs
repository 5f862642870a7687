using TikTimer.Delivery.Aws;
using TikTimer.Delivery.Aws.Http;

namespace TikTimer.Delivery.Tests.Aws;

public class EndpointAndOptionsTests
{
    private static readonly AwsClientOptions None = new() { Region = "eu-west-1" };

    [TestCase("ECS", "https://ecs.eu-west-1.amazonaws.com/")]
    [TestCase("ECR", "https://api.ecr.eu-west-1.amazonaws.com/")]
    [TestCase("CLOUDWATCH_LOGS", "https://logs.eu-west-1.amazonaws.com/")]
    [TestCase("STS", "https://sts.eu-west-1.amazonaws.com/")]
    public void Without_overrides_each_service_uses_its_regional_endpoint(string service, string expected)
    {
        Assert.That(AwsEndpointResolver.Resolve(Service(service), "eu-west-1", None, _ => null), Is.EqualTo(new Uri(expected)));
    }

    [Test]
    public void China_regions_use_the_china_partition_suffix()
    {
        Assert.That(AwsEndpointResolver.Resolve(AwsService.Ecs, "cn-north-1", None, _ => null), Is.EqualTo(new Uri("https://ecs.cn-north-1.amazonaws.com.cn/")));
    }

    [Test]
    public void The_service_variable_wins_over_the_global_one()
    {
        var environment = Environment(("AWS_ENDPOINT_URL", "http://127.0.0.1:1"), ("AWS_ENDPOINT_URL_CLOUDWATCH_LOGS", "http://127.0.0.1:2"));

        Assert.That(AwsEndpointResolver.Resolve(AwsService.Logs, "eu-west-1", None, environment), Is.EqualTo(new Uri("http://127.0.0.1:2")));
        Assert.That(AwsEndpointResolver.Resolve(AwsService.Ecr, "eu-west-1", None, environment), Is.EqualTo(new Uri("http://127.0.0.1:1")));
    }

    [Test]
    public void Options_win_over_the_environment_and_the_service_option_over_the_global_one()
    {
        var options = None with { EndpointUrl = new Uri("http://127.0.0.1:3"), EcsEndpointUrl = new Uri("http://127.0.0.1:4") };
        var environment = Environment(("AWS_ENDPOINT_URL_ECS", "http://127.0.0.1:5"));

        Assert.That(AwsEndpointResolver.Resolve(AwsService.Ecs, "eu-west-1", options, environment), Is.EqualTo(new Uri("http://127.0.0.1:4")));
        Assert.That(AwsEndpointResolver.Resolve(AwsService.Sts, "eu-west-1", options, environment), Is.EqualTo(new Uri("http://127.0.0.1:3")));
    }

    [Test]
    public void Endpoint_variables_are_ignored_when_the_SDK_switch_says_so()
    {
        var environment = Environment(("AWS_ENDPOINT_URL", "http://127.0.0.1:1"), ("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "true"));

        Assert.That(AwsEndpointResolver.Resolve(AwsService.Ecs, "eu-west-1", None, environment).Host, Is.EqualTo("ecs.eu-west-1.amazonaws.com"));
    }

    [Test]
    public void A_malformed_endpoint_variable_is_named_in_the_error()
    {
        Assert.That(() => AwsEndpointResolver.Resolve(AwsService.Ecs, "eu-west-1", None, Environment(("AWS_ENDPOINT_URL_ECS", "localhost:4566"))),
            Throws.InstanceOf<DeliveryException>().With.Message.Contains("AWS_ENDPOINT_URL_ECS='localhost:4566'"));
    }

    [Test]
    public void Invalid_options_are_reported_all_at_once()
    {
        var options = new AwsClientOptions { Region = "Europe West", MaxAttempts = 0, AttemptTimeout = TimeSpan.Zero, EndpointUrl = new Uri("ftp://x") };

        Assert.That(() => AwsClientFactory.Create(options),
            Throws.InstanceOf<DeliveryException>().With.Message.Contains("MaxAttempts").And.Message.Contains("AttemptTimeout")
                .And.Message.Contains("Region 'Europe West'").And.Message.Contains("EndpointUrl 'ftp://x/'"));
    }

    [Test]
    public void The_default_options_are_valid()
    {
        Assert.That(new AwsClientOptions().Problems(), Is.Empty);
    }

    [Test]
    public void Credentials_never_show_their_secret_when_printed()
    {
        Assert.That(new AwsCredentials("AKID", "very-secret", "token").ToString(), Does.Not.Contain("very-secret").And.Not.Contain("token ="));
    }

    private static AwsService Service(string suffix) =>
        new[] { AwsService.Ecs, AwsService.Ecr, AwsService.Logs, AwsService.Sts }.Single(s => s.EnvironmentSuffix == suffix);

    private static Func<string, string?> Environment(params (string Name, string Value)[] variables) =>
        name => variables.FirstOrDefault(v => v.Name == name).Value;
}
