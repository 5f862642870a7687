using TikTimer.Delivery.Processes;
using TikTimer.Delivery.Reporting;
using TikTimer.Delivery.Tests.Infrastructure;
using TikTimer.Delivery.TestSuite;

namespace TikTimer.Delivery.Tests.TestSuite;

public class TestSuiteRunnerTests
{
    private sealed class Prerequisites
    {
        public int Calls { get; private set; }

        public Task EnsureAsync(CancellationToken cancellationToken)
        {
            Calls++;
            return Task.CompletedTask;
        }
    }

    private static (TestSuiteRunner Runner, ScriptedProcessRunner Processes, Prerequisites Probe, RecordingDeliveryLog Log) Create(
        Func<ProcessSpec, ProcessResult>? answer = null,
        Dictionary<string, string>? variables = null)
    {
        var processes = new ScriptedProcessRunner(answer);
        var prerequisites = new Prerequisites();
        var log = new RecordingDeliveryLog();
        var runner = new TestSuiteRunner(prerequisites.EnsureAsync, processes, log, "/repo", name => variables?.GetValueOrDefault(name));
        return (runner, processes, prerequisites, log);
    }

    [Test]
    public async Task The_whole_solution_is_tested_from_the_repository_with_the_nesting_marker_set()
    {
        var (runner, processes, probe, _) = Create(answer: _ => ScriptedProcessRunner.Ok("Passed!  - Failed: 0, Passed: 12"));

        await runner.RunAsync(CancellationToken.None);

        var test = processes.Specs.Single();
        Assert.That((test.FileName, string.Join(' ', test.Arguments), test.WorkingDirectory), Is.EqualTo(("dotnet", "test TikTimer.sln", "/repo")));
        Assert.That(test.Environment[TestSuiteRunner.InsideTestRunVariable], Is.EqualTo("1"));
        Assert.That(probe.Calls, Is.EqualTo(1), "the prerequisites are brought up before the tests");
    }

    [Test]
    public async Task The_suite_output_is_streamed_to_the_log()
    {
        var (runner, _, _, log) = Create(answer: _ => ScriptedProcessRunner.Ok("Passed!  - Failed: 0, Passed: 12"));

        await runner.RunAsync(CancellationToken.None);

        Assert.That(log.Lines, Does.Contain("Passed!  - Failed: 0, Passed: 12"));
    }

    [Test]
    public void Failing_tests_fail_the_target_with_the_exit_code()
    {
        var (runner, _, _, _) = Create(answer: s => s.Arguments.FirstOrDefault() == "test" ? ScriptedProcessRunner.Fail(1, "Failed!  - Failed: 2") : ScriptedProcessRunner.Ok());

        var error = Assert.ThrowsAsync<DeliveryException>(() => runner.RunAsync(CancellationToken.None))!;

        Assert.That(error.Message, Is.EqualTo("Test: 'dotnet test TikTimer.sln' exited with 1; the failed tests are listed above."));
    }

    [Test]
    public void Inside_a_test_run_the_target_refuses_and_starts_nothing()
    {
        var (runner, processes, probe, _) = Create(variables: new() { [TestSuiteRunner.InsideTestRunVariable] = "1" });

        var error = Assert.ThrowsAsync<DeliveryException>(() => runner.RunAsync(CancellationToken.None))!;

        Assert.That(error.Message, Does.Contain("already inside the test suite"));
        Assert.That((processes.Specs.Count, probe.Calls), Is.EqualTo((0, 0)));
    }
}
