using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Cake.Frosting;
using TikTimer.Build.Tasks;
using TikTimer.Delivery.Local;
using TikTimer.Testing;

namespace TikTimer.Build.Tests;

/// <summary>
/// Inputs that used to pass Validate and fail after a build, push or migration
/// (or delete a kept container first): the real host refuses them when the
/// settings are resolved, and Docker and AWS show that nothing happened.
/// </summary>
[NonParallelizable]
[Category("Integration")]
public class SettingsRefusedBeforeAnythingTests
{
    private const string ShortDigestImage = "127.0.0.1:5000/tiktimer@sha256:0123abcd";
    private string _name = null!;

    [SetUp]
    public void SetUp()
    {
        Prerequisite.Require(Docker("info", "--format", "{{.ServerVersion}}").ExitCode == 0, "A Docker engine", "Run scripts/setup-local.sh.");
        _name = $"tt-settings-{Guid.NewGuid():N}"[..24];
    }

    [TearDown]
    public void TearDown()
    {
        foreach (var id in Lines(Docker("ps", "-aq", "--filter", $"label={LocalLabels.Service}={_name}").Output))
        {
            Docker("rm", "-f", id);
        }
    }

    [Test]
    public void Duplicate_local_ports_stop_the_chain_before_the_build_the_push_and_the_migration()
    {
        var (port, _) = FreePorts();

        var (exitCode, output) = Run("--target=Deploy", $"--local-ports={port},{port}", $"--repository={_name}", $"--services={_name}", "--skip-tests");

        Assert.That(exitCode, Is.EqualTo(1), output);
        Assert.That(output, Does.Contain($"local-ports: '{port},{port}' (from --local-ports) names the same port twice"));
        Assert.That(output, Does.Not.Contain("Configuration of").And.Not.Contain("   at "), "no task ran, no stack trace");
        AssertNoImageAndNoContainer();
    }

    [Test]
    public void A_short_digest_with_Deploy_exclusive_leaves_the_kept_rollback_container_alone()
    {
        var (first, second) = FreePorts();
        var kept = $"{_name}-kept";
        var created = Docker(
            "create", "--name", kept,
            "--label", $"{LocalLabels.Service}={_name}",
            "--label", $"{LocalLabels.StartedBy}={LocalLabels.SuiteMarker}",
            "--label", $"{LocalLabels.Port}={second}",
            "debian:bookworm-slim", "true");
        Assert.That(created.ExitCode, Is.Zero, created.Output);

        var (exitCode, output) = Run("--target=Deploy", "--exclusive", $"--image={ShortDigestImage}", $"--services={_name}", $"--local-ports={first},{second}");

        Assert.That(exitCode, Is.EqualTo(1), output);
        Assert.That(output, Does.Contain($"image: '{ShortDigestImage}' (from --image) is not an image pinned by digest"));
        Assert.That(Lines(Docker("ps", "-aq", "--filter", $"label={LocalLabels.Service}={_name}").Output), Has.Count.EqualTo(1), "only the kept container, still there");
        Assert.That(Docker("inspect", kept).ExitCode, Is.Zero, "the kept rollback container was not deleted");
    }

    [TestCase("--image-tag=-bad", "image-tag: '-bad' (from --image-tag) is not a tag Docker accepts")]
    [TestCase("--extra-tags=latest,.hidden", "extra-tags: 'latest,.hidden' (from --extra-tags) has '.hidden', which is not a tag Docker accepts")]
    [TestCase("--dockerfile=docker/Missing.Dockerfile", "dockerfile: 'docker/Missing.Dockerfile' (from --dockerfile) names the file")]
    [TestCase("--service-project=src/Nope/Nope.csproj", "which does not exist (BuildImage would need it)")]
    public void Validate_refuses_what_BuildImage_would_fail_on_and_builds_nothing(string argument, string expected)
    {
        var (exitCode, output) = Run("--target=Validate", argument, $"--repository={_name}", "--skip-tests");

        Assert.That(exitCode, Is.EqualTo(1), output);
        Assert.That(output, Does.Contain(expected));
        Assert.That(output, Does.Not.Contain("Configuration of"));
        AssertNoImageAndNoContainer();
    }

    [Test]
    public void A_bad_tag_stops_a_BuildImage_run_before_docker_build()
    {
        var (exitCode, output) = Run("--target=BuildImage", "--image-tag=-bad", $"--repository={_name}", "--skip-tests");

        Assert.That(exitCode, Is.EqualTo(1), output);
        Assert.That(output, Does.Contain("is not a tag Docker accepts"));
        AssertNoImageAndNoContainer();
    }

    [Test]
    public void A_short_digest_with_MigrateViaEcs_exclusive_on_aws_makes_no_aws_call_so_registers_no_task_definition()
    {
        using var aws = new TcpListener(IPAddress.Loopback, 0);
        aws.Start();
        var endpoint = $"http://127.0.0.1:{((IPEndPoint)aws.LocalEndpoint).Port}";

        var (exitCode, output) = Run(
            "--target=MigrateViaEcs", "--exclusive", "--platform=aws", "--region=eu-west-1", $"--image={ShortDigestImage}",
            "--cluster=c", "--migration-task-family=f", "--subnets=subnet-0123456789abcdef0", "--security-groups=sg-0123456789abcdef0",
            $"--ecs-endpoint-url={endpoint}", $"--ecr-endpoint-url={endpoint}", $"--logs-endpoint-url={endpoint}", $"--sts-endpoint-url={endpoint}");

        Assert.That(exitCode, Is.EqualTo(1), output);
        Assert.That(output, Does.Contain("is not an image pinned by digest"));
        Assert.That(output, Does.Not.Contain("services").And.Not.Contain("smoke-base-url"), "a migration alone needs neither");
        Assert.That(aws.Pending(), Is.False, "nothing called ECS, ECR, Logs or STS");
    }

    [Test]
    public void A_migration_alone_on_aws_gets_past_the_settings_without_services_or_smoke_url()
    {
        var (closedPort, _) = FreePorts();
        var endpoint = $"http://127.0.0.1:{closedPort}";
        var image = "127.0.0.1:5000/tiktimer@sha256:" + new string('a', 64);

        var (exitCode, output) = Run(
            "--target=MigrateViaEcs", "--exclusive", "--platform=aws", "--region=eu-west-1", $"--image={image}",
            "--cluster=c", "--migration-task-family=f", "--subnets=subnet-0123456789abcdef0", "--security-groups=sg-0123456789abcdef0",
            "--aws-max-attempts=1", $"--ecs-endpoint-url={endpoint}", $"--ecr-endpoint-url={endpoint}", $"--logs-endpoint-url={endpoint}", $"--sts-endpoint-url={endpoint}");

        // Nothing answers on the endpoint, so the migration itself fails; what matters is that it was reached.
        Assert.That(exitCode, Is.EqualTo(1), output);
        Assert.That(output, Does.Contain("on the aws platform; running MigrateViaEcs."));
        Assert.That(output, Does.Not.Contain("is required"));
    }

    private void AssertNoImageAndNoContainer()
    {
        Assert.That(Lines(Docker("images", "-q", _name).Output), Is.Empty, "no image was built");
        Assert.That(Lines(Docker("images", "-q", $"127.0.0.1:5000/{_name}").Output), Is.Empty, "no image was tagged for a push");
        Assert.That(Lines(Docker("ps", "-aq", "--filter", $"label={LocalLabels.Service}={_name}").Output), Is.Empty, "no service container");
        Assert.That(Lines(Docker("ps", "-aq", "--filter", $"ancestor={_name}").Output), Is.Empty, "no migration container");
    }

    private static (int ExitCode, string Output) Run(params string[] args)
    {
        using var output = new StringWriter();
        var exitCode = new CakeHost()
            .UseContext<BuildContext>()
            .UseLifetime<BuildLifetime>()
            .AddAssembly(typeof(ValidateTask).Assembly)
            .UseOutput(output)
            .Run(args);
        return (exitCode, output.ToString());
    }

    private static (int First, int Second) FreePorts()
    {
        using var a = new TcpListener(IPAddress.Loopback, 0);
        using var b = new TcpListener(IPAddress.Loopback, 0);
        a.Start();
        b.Start();
        return (((IPEndPoint)a.LocalEndpoint).Port, ((IPEndPoint)b.LocalEndpoint).Port);
    }

    private static List<string> Lines(string text) =>
        [.. text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    private static (int ExitCode, string Output) Docker(params string[] args)
    {
        var start = new ProcessStartInfo("docker") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        try
        {
            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            process.WaitForExit();
            return (process.ExitCode, stdout.Result + stderr.Result);
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            return (127, ex.Message);
        }
    }
}
