using TikTimer.Delivery.Processes;
using TikTimer.Delivery.Reporting;
using TikTimer.Delivery.Validation;

namespace TikTimer.Delivery.Tests.Validation;

/// <summary>The service's test command as a real process, from a throw-away repository root.</summary>
public class ServiceTestsTests
{
    private string _root = null!;
    private RecordingDeliveryLog _log = null!;

    [SetUp]
    public void SetUp()
    {
        _root = Directory.CreateTempSubdirectory("tiktimer-service-tests-").FullName;
        _log = new RecordingDeliveryLog();
    }

    [TearDown]
    public void TearDown() => Directory.Delete(_root, recursive: true);

    private string Script(string name, string body)
    {
        var path = Path.Combine(_root, "service", name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, "#!/bin/sh\n" + body + "\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        return path;
    }

    private Task<string?> Run(params string[] command) =>
        ServiceTests.RunAsync(new ProcessRunner(), _log, command, _root, CancellationToken.None);

    [Test]
    public async Task Passing_tests_are_no_problem_and_their_output_goes_to_the_verbose_log()
    {
        Script("run-tests.sh", "echo '19 passed in 5.74s'");

        var problem = await Run("service/run-tests.sh");

        Assert.That(problem, Is.Null);
        Assert.That(_log.Text, Does.Contain("19 passed"));
    }

    [Test]
    public async Task Failing_tests_are_named_with_the_command_and_the_exit_code()
    {
        Script("run-tests.sh", "echo 'FAILED tests/test_health.py::test_503 - assert 200 == 503' >&2; exit 1");

        var problem = await Run("sh", "service/run-tests.sh");

        Assert.That(problem, Does.StartWith("'sh service/run-tests.sh' exited with 1:"));
        Assert.That(problem, Does.Contain("FAILED tests/test_health.py::test_503 - assert 200 == 503").And.Contain("--skip-tests"));
    }

    [Test]
    public async Task The_command_runs_in_the_repository_root()
    {
        Script("run-tests.sh", "test -d service || { echo \"FAILED not in the root: $(pwd)\"; exit 1; }");

        Assert.That(await Run("service/run-tests.sh"), Is.Null);
    }

    [Test]
    public async Task A_command_that_cannot_start_names_the_setting_to_fix()
    {
        var problem = await Run("service/no-such-script.sh");

        Assert.That(problem, Does.Contain("could not start").And.Contain("test-command").And.Contain("service/no-such-script.sh"));
    }
}
