using TikTimer.Delivery.Aws;
using TikTimer.Delivery.Aws.Ecs;
using TikTimer.Delivery.Tests.Infrastructure;

namespace TikTimer.Delivery.Tests.Aws;

/// <summary>
/// moto with signature checking on: the first three requests create an IAM user with a
/// policy and an access key; after that every request must be signed with a known key.
/// </summary>
[Category("Integration")]
public class SignatureCheckingAgainstMotoTests
{
    private MotoServer _moto = null!;
    private AwsCredentials _key = null!;

    [OneTimeSetUp]
    public async Task StartMotoWithAnIamUser()
    {
        _moto = await MotoServer.StartAsync(new Dictionary<string, string> { ["INITIAL_NO_AUTH_ACTION_COUNT"] = "3" });
        using var setup = new MotoAws(_moto, _moto.ClientOptions());
        await setup.QueryAsync(MotoAws.Iam, "CreateUser", "2010-05-08", ("UserName", "deployer"));
        await setup.QueryAsync(MotoAws.Iam, "PutUserPolicy", "2010-05-08",
            ("UserName", "deployer"), ("PolicyName", "all"),
            ("PolicyDocument", """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}"""));
        var key = await setup.QueryAsync(MotoAws.Iam, "CreateAccessKey", "2010-05-08", ("UserName", "deployer"));
        _key = new AwsCredentials(MotoAws.First(key, "AccessKeyId"), MotoAws.First(key, "SecretAccessKey"));
    }

    [OneTimeTearDown]
    public async Task StopMoto()
    {
        if (_moto is not null)
        {
            await _moto.DisposeAsync();
        }
    }

    [Test]
    public async Task A_request_signed_with_the_right_secret_is_accepted()
    {
        using var aws = AwsClientFactory.Create(_moto.ClientOptions() with { Credentials = _key });

        var repositories = await aws.Ecr.DescribeRepositoriesAsync(new());
        var identity = await aws.Sts.GetCallerIdentityAsync();

        Assert.That(repositories.Repositories, Is.Empty);
        Assert.That(identity.Arn, Does.EndWith("user/deployer"));
    }

    [Test]
    public void A_request_signed_with_a_wrong_secret_is_a_credentials_error_that_explains_the_fix()
    {
        using var aws = AwsClientFactory.Create(_moto.ClientOptions() with { Credentials = _key with { SecretAccessKey = "not-the-secret" } });

        var error = Assert.ThrowsAsync<AwsCredentialsException>(() => aws.Ecs.ListTasksAsync(new ListTasksRequest("default")));

        Assert.That(error!.ErrorCode, Is.EqualTo("SignatureDoesNotMatch"));
        Assert.That(error.Message, Does.Contain("secret access key does not match").And.Contain("aws sso login"));
    }

    [Test]
    public void A_request_with_an_unknown_key_is_a_credentials_error()
    {
        using var aws = AwsClientFactory.Create(_moto.ClientOptions() with { Credentials = new AwsCredentials("AKIAUNKNOWNKEY000000", "whatever") });

        var error = Assert.ThrowsAsync<AwsCredentialsException>(() => aws.Ecr.DescribeRepositoriesAsync(new()));

        Assert.That(error!.ErrorCode, Is.EqualTo("InvalidClientTokenId"));
    }
}
