namespace TikTimer.Delivery.Tests.Configuration;

public class RegionTests
{
    private SettingsFixture _fixture = null!;

    [SetUp]
    public void SetUp()
    {
        _fixture = new SettingsFixture();
        _fixture.WriteFile("deploy/dev.json", SettingsFixture.ValidAwsEnvironment);
        _fixture.Arguments["environment"] = "dev";
    }

    [TearDown]
    public void TearDown() => _fixture.Dispose();

    [TestCase("eu-west1", "eu-west-1")]
    [TestCase("eu-wset-1", "eu-west-1")]
    [TestCase("us-east-7", "us-east-1")]
    [TestCase("EU-WEST-1", "eu-west-1")]
    public void A_near_miss_of_a_known_region_is_refused_with_a_did_you_mean(string region, string suggestion)
    {
        _fixture.Variables["AWS_REGION"] = region;

        var error = _fixture.ResolveFails();

        Assert.That(error.Problems.Single().Key, Is.EqualTo("region"));
        Assert.That(error.Message, Does.Contain($"'{region}' (from environment variable AWS_REGION)").And.Contain($"did you mean {suggestion}?"));
    }

    [Test]
    public void A_region_nothing_like_a_known_one_is_refused_with_the_override()
    {
        _fixture.Arguments["region"] = "mars-north-1";

        var error = _fixture.ResolveFails();

        Assert.That(error.Message, Does.Contain("is not an AWS region this suite knows").And.Contain("--allow-unknown-region=true"));
    }

    [Test]
    public void A_region_newer_than_the_suite_is_accepted_with_the_override()
    {
        _fixture.Arguments["region"] = "eu-east-9";
        _fixture.Arguments["allow-unknown-region"] = "true";

        Assert.That(_fixture.Resolve().Settings.Region, Is.EqualTo("eu-east-9"));
    }

    [Test]
    public void The_override_does_not_accept_text_that_is_not_a_region_at_all()
    {
        _fixture.Arguments["region"] = "Ireland";
        _fixture.Arguments["allow-unknown-region"] = "true";

        Assert.That(_fixture.ResolveFails().Message, Does.Contain("'Ireland' (from --region) is not an AWS region name"));
    }
}
