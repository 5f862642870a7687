using Microsoft.Extensions.Time.Testing;
using TikTimer.Delivery.Processes;
using TikTimer.Delivery.Reporting;
using TikTimer.Delivery.Validation;

namespace TikTimer.Delivery.Tests.Validation;

/// <summary>A real test command run through the record of green runs, in a throw-away git repository.</summary>
public class ServiceTestsRecordTests
{
    private string _root = null!;
    private string _runs = null!;
    private RecordingDeliveryLog _log = null!;

    [SetUp]
    public void SetUp()
    {
        _root = Directory.CreateTempSubdirectory("tiktimer-green-record-").FullName;
        _runs = Path.Combine(Directory.CreateTempSubdirectory("tiktimer-green-runs-").FullName, "runs");
        _log = new RecordingDeliveryLog();
        new ProcessRunner().RunAsync(new ProcessSpec("git", ["init", "--quiet"]) { WorkingDirectory = _root }).GetAwaiter().GetResult();
        File.WriteAllText(Path.Combine(_root, ".gitignore"), ".artifacts/\n");
        File.WriteAllText(Path.Combine(_root, "health.py"), "STATUS = 'healthy'\n");
        // Counts its runs outside the repository, so counting changes no input; fails when health.py says so.
        File.WriteAllText(Path.Combine(_root, "run-tests.sh"), $"#!/bin/sh\necho run >> '{_runs}'\ngrep -q healthy health.py || {{ echo 'FAILED test_health'; exit 1; }}\necho '1 passed'\n");
    }

    [TearDown]
    public void TearDown()
    {
        Directory.Delete(_root, recursive: true);
        Directory.Delete(Path.GetDirectoryName(_runs)!, recursive: true);
    }

    private int Runs => File.Exists(_runs) ? File.ReadAllLines(_runs).Length : 0;

    private Task<string?> Validate(IReadOnlyList<string>? inputs = null) =>
        ServiceTests.RunUnlessUnchangedAsync(new ProcessRunner(), _log, ["sh", "run-tests.sh"], inputs ?? ["."], _root, new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero)), CancellationToken.None);

    [Test]
    public async Task A_green_run_is_not_repeated_until_an_input_changes()
    {
        Assert.That(await Validate(), Is.Null);
        Assert.That(await Validate(), Is.Null);
        Assert.That(Runs, Is.EqualTo(1), "the second Validate skips the tests");
        Assert.That(_log.Text, Does.Contain("Not running the service's tests: nothing they read").And.Contain("2026-12-01 12:00:00Z"));

        File.WriteAllText(Path.Combine(_root, "health.py"), "STATUS = 'starting'\n");
        Assert.That(await Validate(), Does.Contain("FAILED test_health"));
        Assert.That(Runs, Is.EqualTo(2), "a changed file runs them again");

        Assert.That(await Validate(), Does.Contain("FAILED test_health"), "a failed run is never recorded as green");
        Assert.That(Runs, Is.EqualTo(3));
    }

    [Test]
    public async Task With_test_inputs_off_the_tests_run_every_time()
    {
        await ServiceTests.RunUnlessUnchangedAsync(new ProcessRunner(), _log, ["sh", "run-tests.sh"], null, _root, TimeProvider.System, CancellationToken.None);
        await ServiceTests.RunUnlessUnchangedAsync(new ProcessRunner(), _log, ["sh", "run-tests.sh"], null, _root, TimeProvider.System, CancellationToken.None);

        Assert.That(Runs, Is.EqualTo(2));
        Assert.That(Directory.Exists(Path.Combine(_root, GreenTestRecord.Folder)), Is.False);
    }
}
