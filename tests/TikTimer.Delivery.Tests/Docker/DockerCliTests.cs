using TikTimer.Delivery.Docker;
using TikTimer.Delivery.Processes;
using TikTimer.Delivery.Reporting;
using TikTimer.Delivery.Tests.Infrastructure;

namespace TikTimer.Delivery.Tests.Docker;

public class DockerCliTests
{
    private const string Docker = "/usr/bin/true";

    [Test]
    public async Task Login_sends_the_password_on_standard_input_and_never_in_the_arguments()
    {
        var runner = new ScriptedProcessRunner();
        var cli = new DockerCli(runner, new RecordingDeliveryLog(), new DockerCliOptions { ExecutablePath = Docker });

        await cli.LoginAsync("127.0.0.1:5000", "user", "pa55word-xyz");

        Assert.That(runner.Last.StandardInput, Is.EqualTo("pa55word-xyz"));
        Assert.That(runner.Last.Arguments, Has.None.Contains("pa55word-xyz"));
    }

    [Test]
    public async Task Login_registers_the_password_so_no_later_line_prints_it()
    {
        var log = new RecordingDeliveryLog();
        var cli = new DockerCli(new ScriptedProcessRunner(), log, new DockerCliOptions { ExecutablePath = Docker });

        await cli.LoginAsync("127.0.0.1:5000", "user", "pa55word-xyz");
        log.Information("echo pa55word-xyz");

        Assert.That(log.Text, Does.Not.Contain("pa55word-xyz"));
    }

    [Test]
    public async Task A_config_directory_is_given_to_every_call_as_DOCKER_CONFIG()
    {
        var runner = new ScriptedProcessRunner();
        var cli = new DockerCli(runner, new RecordingDeliveryLog(), new DockerCliOptions { ExecutablePath = Docker }).WithConfigDirectory("/tmp/cfg");

        await cli.TagAsync("a", "b");
        await cli.PushAsync("b");

        Assert.That(runner.Specs.Select(s => s.Environment["DOCKER_CONFIG"]), Is.All.EqualTo("/tmp/cfg"));
    }

    [Test]
    public async Task Container_environment_values_travel_in_the_client_environment_not_the_arguments()
    {
        var runner = new ScriptedProcessRunner(_ => ScriptedProcessRunner.Ok("c0ffee"));
        var cli = new DockerCli(runner, new RecordingDeliveryLog(), new DockerCliOptions { ExecutablePath = Docker });

        var result = await cli.RunAsync(new DockerRunSettings("img") { Detach = true, Environment = new Dictionary<string, string> { ["DB_PASSWORD"] = "hunter2-secret" } });

        Assert.That(result.ContainerId, Is.EqualTo("c0ffee"));
        Assert.That(runner.Last.Environment["DB_PASSWORD"], Is.EqualTo("hunter2-secret"));
        Assert.That(runner.Last.Arguments, Has.None.Contains("hunter2-secret"));
    }

    [Test]
    public void A_container_variable_the_docker_client_would_read_itself_is_refused()
    {
        var cli = new DockerCli(new ScriptedProcessRunner(), new RecordingDeliveryLog(), new DockerCliOptions { ExecutablePath = Docker });

        var error = Assert.ThrowsAsync<DeliveryException>(() => cli.RunAsync(new DockerRunSettings("img") { Environment = new Dictionary<string, string> { ["DOCKER_HOST"] = "x" } }));

        Assert.That(error.Message, Does.Contain("DOCKER_HOST"));
    }

    [Test]
    public async Task An_attached_run_returns_the_container_exit_code_instead_of_failing()
    {
        var runner = new ScriptedProcessRunner(_ => new ProcessResult(3, ["migrating", "boom"], []));
        var cli = new DockerCli(runner, new RecordingDeliveryLog(), new DockerCliOptions { ExecutablePath = Docker });
        var lines = new List<string>();

        var result = await cli.RunAsync(new DockerRunSettings("img"), lines.Add);

        Assert.That(result.ExitCode, Is.EqualTo(3));
        Assert.That(lines, Is.EqualTo(new[] { "migrating", "boom" }));
    }

    [Test]
    public async Task Inspecting_a_missing_image_returns_null()
    {
        var runner = new ScriptedProcessRunner(_ => ScriptedProcessRunner.Fail(1, "Error response from daemon: No such image: nope:1"));
        var cli = new DockerCli(runner, new RecordingDeliveryLog(), new DockerCliOptions { ExecutablePath = Docker });

        Assert.That(await cli.InspectImageAsync("nope:1"), Is.Null);
    }

    [Test]
    public void Any_other_inspect_failure_names_the_command_and_the_error()
    {
        var runner = new ScriptedProcessRunner(_ => ScriptedProcessRunner.Fail(1, "Cannot connect to the Docker daemon"));
        var cli = new DockerCli(runner, new RecordingDeliveryLog(), new DockerCliOptions { ExecutablePath = Docker, Step = "BuildImage" });

        var error = Assert.ThrowsAsync<ProcessFailedException>(() => cli.InspectImageAsync("app:1"));

        Assert.That(error.Message, Does.StartWith("BuildImage: `true image inspect").And.Contain("Cannot connect to the Docker daemon"));
    }

    [Test]
    public void The_push_digest_is_read_from_the_digest_line()
    {
        var digest = "sha256:" + new string('a', 64);

        var parsed = DockerCli.ParsePushDigest(["The push refers to repository [r/app]", $"abc: digest: {digest} size: 528"]);

        Assert.That(parsed, Is.EqualTo(digest));
    }

    [Test]
    public async Task Ps_reads_one_container_per_json_line()
    {
        const string line = """{"ID":"abc","Image":"img","Labels":"a=b,tiktimer.role=app","Names":"web","State":"running","Status":"Up 2 seconds"}""";
        var cli = new DockerCli(new ScriptedProcessRunner(_ => ScriptedProcessRunner.Ok(line)), new RecordingDeliveryLog(), new DockerCliOptions { ExecutablePath = Docker });

        var containers = await cli.PsAsync(new Dictionary<string, string> { ["a"] = "b" });

        Assert.That(containers, Has.Count.EqualTo(1));
        Assert.That(containers[0], Has.Property(nameof(DockerContainer.State)).EqualTo("running"));
        Assert.That(containers[0].Labels["tiktimer.role"], Is.EqualTo("app"));
    }

    [Test]
    public async Task A_container_that_never_started_has_no_start_time()
    {
        const string json = """{"Id":"abc","Name":"/m1","State":{"Status":"exited","Running":false,"OOMKilled":false,"ExitCode":137,"Error":"","StartedAt":"2026-11-24T03:43:30.368123403Z","FinishedAt":"0001-01-01T00:00:00Z"},"Config":{"Labels":{"k":"v"}}}""";
        var cli = new DockerCli(new ScriptedProcessRunner(_ => ScriptedProcessRunner.Ok(json)), new RecordingDeliveryLog(), new DockerCliOptions { ExecutablePath = Docker });

        var state = await cli.InspectContainerAsync("m1");

        Assert.That(state, Is.Not.Null);
        Assert.That(state!.Name, Is.EqualTo("m1"));
        Assert.That(state.ExitCode, Is.EqualTo(137));
        Assert.That(state.StartedAt, Is.Not.Null);
        Assert.That(state.FinishedAt, Is.Null);
    }

    [Test]
    public void A_missing_docker_executable_setting_names_the_setting()
    {
        var cli = new DockerCli(new ScriptedProcessRunner(), new RecordingDeliveryLog(), new DockerCliOptions { ExecutablePath = "/nowhere/docker" });

        var error = Assert.ThrowsAsync<DeliveryException>(() => cli.TagAsync("a", "b"));

        Assert.That(error.Message, Does.Contain("docker-path").And.Contain("/nowhere/docker"));
    }
}
