using TikTimer.Delivery.Aws;
using TikTimer.Delivery.Aws.Ecs;
using TikTimer.Delivery.Tests.Infrastructure;

namespace TikTimer.Delivery.Tests.Aws;

/// <summary>
/// The public factory with nothing but environment variables, as CI and a laptop set them:
/// endpoints from AWS_ENDPOINT_URL*, region and credentials through the AWS SDK's chains.
/// </summary>
[Category("Integration")]
[NonParallelizable]
public class EndpointEnvironmentAgainstMotoTests
{
    private static readonly string[] Variables =
    [
        "AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_ECS", "AWS_ENDPOINT_URL_ECR", "AWS_ENDPOINT_URL_CLOUDWATCH_LOGS", "AWS_ENDPOINT_URL_STS",
        "AWS_REGION", "AWS_DEFAULT_REGION", "AWS_CONFIG_FILE", "AWS_SHARED_CREDENTIALS_FILE", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE", "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS",
    ];

    private readonly Dictionary<string, string?> _saved = [];
    private MotoServer _moto = null!;

    [OneTimeSetUp]
    public async Task StartMoto() => _moto = await MotoServer.StartAsync();

    [OneTimeTearDown]
    public async Task StopMoto()
    {
        if (_moto is not null)
        {
            await _moto.DisposeAsync();
        }
    }

    [SetUp]
    public void SaveEnvironment()
    {
        foreach (var name in Variables)
        {
            _saved[name] = Environment.GetEnvironmentVariable(name);
            Environment.SetEnvironmentVariable(name, null);
        }

        Environment.SetEnvironmentVariable("AWS_REGION", "eu-west-1");
        Environment.SetEnvironmentVariable("AWS_ACCESS_KEY_ID", "AKIAENVIRONMENT00000");
        Environment.SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", "from-the-environment");
    }

    [TearDown]
    public void RestoreEnvironment()
    {
        foreach (var (name, value) in _saved)
        {
            Environment.SetEnvironmentVariable(name, value);
        }
    }

    [Test]
    public async Task Service_specific_endpoint_variables_point_each_client_at_moto()
    {
        Environment.SetEnvironmentVariable("AWS_ENDPOINT_URL", "http://127.0.0.1:9");
        Environment.SetEnvironmentVariable("AWS_ENDPOINT_URL_ECR", _moto.Endpoint.ToString());
        Environment.SetEnvironmentVariable("AWS_ENDPOINT_URL_STS", _moto.Endpoint.ToString());
        using var aws = AwsClientFactory.Create(new AwsClientOptions { MaxAttempts = 1 });

        var identity = await aws.Sts.GetCallerIdentityAsync();
        var repositories = await aws.Ecr.DescribeRepositoriesAsync(new());

        Assert.That(aws.Region, Is.EqualTo("eu-west-1"));
        Assert.That(identity.Account, Is.EqualTo(MotoServer.Account));
        Assert.That(repositories.Repositories, Is.Empty);
        Assert.That(() => aws.Ecs.ListTasksAsync(new ListTasksRequest("default")), Throws.InstanceOf<AwsTransportException>(), "ECS still uses AWS_ENDPOINT_URL");
    }

    [Test]
    public void Without_any_region_the_factory_fails_before_any_call_and_says_where_to_set_one()
    {
        Environment.SetEnvironmentVariable("AWS_REGION", null);
        Environment.SetEnvironmentVariable("AWS_CONFIG_FILE", Path.Combine(Path.GetTempPath(), "no-such-aws-config"));
        Environment.SetEnvironmentVariable("AWS_SHARED_CREDENTIALS_FILE", Path.Combine(Path.GetTempPath(), "no-such-aws-credentials"));

        Assert.That(() => AwsClientFactory.Create(new AwsClientOptions()),
            Throws.InstanceOf<DeliveryException>().With.Message.StartWith("AWS region: none is configured").And.Message.Contains("AWS_REGION"));
    }

    [Test]
    public async Task The_global_endpoint_variable_points_every_client_at_moto()
    {
        Environment.SetEnvironmentVariable("AWS_ENDPOINT_URL", _moto.Endpoint.ToString());
        using var aws = AwsClientFactory.Create(new AwsClientOptions { MaxAttempts = 1 });

        var repositories = await aws.Ecr.DescribeRepositoriesAsync(new());
        var logs = await aws.Logs.FilterLogEventsAsync(new("/none")).ContinueWith(t => t.Exception?.InnerException);

        Assert.That(repositories.Repositories, Is.Empty);
        Assert.That(logs, Is.InstanceOf<AwsServiceException>().With.Property(nameof(AwsServiceException.ErrorCode)).EqualTo("ResourceNotFoundException"));
    }
}
