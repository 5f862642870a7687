namespace TikTimer.Delivery.Tests.Configuration;

/// <summary>Inputs that used to pass and fail after a build, push or migration: refused when settings are resolved.</summary>
public class SettingsLateFailureTests
{
    private const string Digest = "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
    private SettingsFixture _fixture = null!;

    [SetUp]
    public void SetUp() => _fixture = new SettingsFixture();

    [TearDown]
    public void TearDown() => _fixture.Dispose();

    [TestCase("18080,18080", "names the same port twice")]
    [TestCase("18080", "has 1 port, but the local platform needs exactly two")]
    [TestCase("18080,18081,18082", "has 3 ports, but the local platform needs exactly two")]
    [TestCase("80,18081", "has '80', which is not a port from 1024 to 65535")]
    [TestCase("18080,70000", "has '70000', which is not a port from 1024 to 65535")]
    [TestCase("18080,,18081", "is not a valid comma-separated list (item 2 of '18080,,18081' is empty)")]
    [TestCase("blue,green", "has 'blue', which is not a port")]
    public void Local_ports_that_are_not_two_distinct_valid_ports_are_refused(string ports, string expected)
    {
        _fixture.Arguments["local-ports"] = ports;

        var error = _fixture.ResolveFails();

        Assert.That(error.Problems.Single().Key, Is.EqualTo("local-ports"));
        Assert.That(error.Message, Does.Contain($"'{ports}' (from --local-ports) {expected}").And.Contain("--local-ports=..."));
    }

    [TestCase("127.0.0.1:5000/tiktimer@sha256:abc")]
    [TestCase("127.0.0.1:5000/tiktimer:latest")]
    [TestCase("127.0.0.1:5000/tiktimer@sha256:0123456789ABCDEF0123456789abcdef0123456789abcdef0123456789abcdef")]
    [TestCase("127.0.0.1:5000/TikTimer@" + Digest)]
    [TestCase("@" + Digest)]
    [TestCase("127.0.0.1:5000/tiktimer@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0")]
    public void An_image_that_is_not_pinned_by_a_full_digest_is_refused(string image)
    {
        _fixture.Arguments["image"] = image;

        var error = _fixture.ResolveFails();

        Assert.That(error.Message, Does.Contain($"'{image}' (from --image) is not an image pinned by digest").And.Contain("@sha256:<64 hex digits>"));
    }

    [TestCase("127.0.0.1:5000/tiktimer@" + Digest)]
    [TestCase("123456789012.dkr.ecr.eu-west-1.amazonaws.com/team/api@" + Digest)]
    [TestCase("tiktimer@" + Digest)]
    public void An_image_pinned_by_a_full_digest_is_accepted(string image)
    {
        _fixture.Arguments["image"] = image;

        Assert.That(_fixture.Resolve().Settings.Image, Is.EqualTo(image));
    }

    [TestCase("image-tag", "-bad")]
    [TestCase("image-tag", ".hidden")]
    [TestCase("image-tag", "has space")]
    [TestCase("image-tag", "v1:2")]
    [TestCase("extra-tags", "latest,-bad")]
    [TestCase("extra-tags", "latest,ü")]
    public void A_tag_docker_would_refuse_is_refused_before_the_build(string key, string value)
    {
        _fixture.Arguments[key] = value;
        _fixture.Tasks = ["Validate"];

        var error = _fixture.ResolveFails();

        Assert.That(error.Message, Does.Contain($"(from --{key})").And.Contain("is not a tag Docker accepts"));
    }

    [Test]
    public void A_tag_of_129_characters_is_refused()
    {
        _fixture.Arguments["image-tag"] = new string('a', 129);

        Assert.That(_fixture.ResolveFails().Message, Does.Contain("up to 128"));
    }

    [TestCase("dockerfile", "docker/Missing.Dockerfile")]
    [TestCase("service-project", "src/Nope/Nope.csproj")]
    public void A_missing_build_file_is_refused_when_BuildImage_will_run(string key, string path)
    {
        _fixture.Arguments[key] = path;
        _fixture.Tasks = ["Validate", "BuildImage"];

        var error = _fixture.ResolveFails();

        Assert.That(error.Message, Does.Contain($"'{path}' (from --{key}) names the file '{Path.Combine(_fixture.Root, path)}', which does not exist (BuildImage would need it)"));
    }

    [Test]
    public void A_missing_dockerfile_does_not_matter_to_a_run_that_does_not_build()
    {
        _fixture.Arguments["dockerfile"] = "docker/Missing.Dockerfile";
        _fixture.Arguments["image"] = "127.0.0.1:5000/tiktimer@" + Digest;
        _fixture.Tasks = ["Deploy"];

        Assert.That(_fixture.Resolve().Settings.Dockerfile, Is.EqualTo("docker/Missing.Dockerfile"));
    }

    [Test]
    public void Validate_alone_checks_the_build_files_the_chain_will_need()
    {
        _fixture.Arguments["dockerfile"] = "docker/Missing.Dockerfile";
        _fixture.Tasks = ["Validate"];

        Assert.That(_fixture.ResolveFails().Message, Does.Contain("dockerfile").And.Contain("BuildImage would need it"));
    }

    [Test]
    public void A_docker_path_that_does_not_exist_is_refused()
    {
        _fixture.Arguments["docker-path"] = "/opt/nowhere/docker";

        Assert.That(_fixture.ResolveFails().Message, Does.Contain("'/opt/nowhere/docker' (from --docker-path) names the file '/opt/nowhere/docker', which does not exist"));
    }

    [TestCase("TikTimer")]
    [TestCase("tik timer")]
    [TestCase("tiktimer:latest")]
    [TestCase("-tiktimer")]
    public void A_repository_name_docker_and_ecr_refuse_is_a_settings_problem_not_a_registry_error(string name)
    {
        _fixture.Arguments["repository"] = name;

        var error = _fixture.ResolveFails();

        Assert.That(error.Message, Does.Contain($"'{name}' (from --repository) is not a repository name").And.Not.Contain("setup-local"));
    }

    [TestCase("mysql://u:p@db/x")]
    [TestCase("postgres://db")]
    [TestCase("not a url")]
    public void A_bad_database_url_names_the_settings_that_work_and_hides_the_value(string url)
    {
        _fixture.Variables["TIKTIMER_DATABASE_URL"] = url;

        var error = _fixture.ResolveFails();

        Assert.That(error.Message, Does.Contain("(from environment variable TIKTIMER_DATABASE_URL) is not a postgres://").And.Contain("TIKTIMER_DATABASE_URL").And.Not.Contain(url));
        Assert.That(error.Message, Does.Not.Contain("or DATABASE_URL"), "a bare DATABASE_URL is deliberately not read");
    }

    [TestCase("is not a whole number from 1 to 10", "aws-max-attempts", "0")]
    [TestCase("must be IMMUTABLE or MUTABLE", "tag-mutability", "SOMETIMES")]
    [TestCase("must be FARGATE, EC2 or EXTERNAL", "launch-type", "LAMBDA")]
    [TestCase("is not a 12-digit AWS account id", "expected-account-id", "12345")]
    [TestCase("sets A twice", "build-args", "A=1,A=2")]
    [TestCase("has '/metrics=abc', which is not PATH=STATUS", "smoke-checks", "/metrics=abc")]
    [TestCase("is empty; give a value or leave the setting out", "container-name", " ")]
    public void A_bad_value_names_the_key_its_source_and_the_fix(string expected, string key, string value)
    {
        _fixture.Arguments[key] = value;

        var error = _fixture.ResolveFails();

        Assert.That(error.Problems.Single().Key, Is.EqualTo(key));
        Assert.That(error.Message, Does.Contain($"(from --{key}) {expected}").And.Contain($"--{key}=..."));
    }
}
