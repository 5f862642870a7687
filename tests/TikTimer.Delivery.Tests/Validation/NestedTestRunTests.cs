using TikTimer.Delivery.Configuration;
using TikTimer.Delivery.Platform;
using TikTimer.Delivery.Reporting;
using TikTimer.Delivery.Tests.Infrastructure;
using TikTimer.Delivery.Validation;

namespace TikTimer.Delivery.Tests.Validation;

/// <summary>Validate's unit-test run marks itself, and refuses to start inside a run that is so marked.</summary>
[NonParallelizable]
public class NestedTestRunTests
{
    private string? _saved;

    [SetUp]
    public void SaveMarker() => _saved = Environment.GetEnvironmentVariable(NestedTestRun.Marker);

    // This suite may itself run inside Validate's test run, where the marker is set.
    [TearDown]
    public void RestoreMarker() => Environment.SetEnvironmentVariable(NestedTestRun.Marker, _saved);

    private static async Task<(string? Problem, ScriptedProcessRunner Processes)> CheckUnitTestsAsync()
    {
        var settings = SettingsResolver.Resolve(new SettingsInputs(new Dictionary<string, string> { ["test-inputs"] = "off" }, _ => null, Path.GetTempPath()) { Tasks = [] }).Settings;
        var processes = new ScriptedProcessRunner();
        using var services = new DeliveryServices(settings, new RecordingDeliveryLog(), processes: processes);
        var check = Prerequisites.For(services).Single(c => c.Name.StartsWith("the service's tests pass", StringComparison.Ordinal));
        return (await check.CheckAsync(CancellationToken.None), processes);
    }

    [Test]
    public async Task The_test_run_Validate_starts_carries_the_marker()
    {
        Environment.SetEnvironmentVariable(NestedTestRun.Marker, null);

        var (problem, processes) = await CheckUnitTestsAsync();

        Assert.That(problem, Is.Null);
        var run = processes.Specs.Single(s => s.Arguments.Contains("test") || s.FileName.Contains("test", StringComparison.Ordinal));
        Assert.That(run.Environment[NestedTestRun.Marker], Is.EqualTo("1"));
    }

    [Test]
    public async Task Inside_a_marked_test_run_Validate_refuses_to_start_the_tests_again()
    {
        Environment.SetEnvironmentVariable(NestedTestRun.Marker, "1");

        var (problem, processes) = await CheckUnitTestsAsync();

        Assert.That(processes.Specs.Where(s => s.Arguments.Contains("test") || s.FileName.Contains("test", StringComparison.Ordinal)), Is.Empty);
        Assert.That(problem, Does.Contain(NestedTestRun.Marker).And.Contain("--skip-tests"));
    }
}
