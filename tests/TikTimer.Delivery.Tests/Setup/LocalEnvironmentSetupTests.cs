using TikTimer.Delivery.Processes;
using TikTimer.Delivery.Reporting;
using TikTimer.Delivery.Setup;
using TikTimer.Delivery.Tests.Infrastructure;

namespace TikTimer.Delivery.Tests.Setup;

public class LocalEnvironmentSetupTests
{
    private const string Root = "/repo";

    /// <summary>Answers with one list of missing parts per call, the last one repeated.</summary>
    private sealed class ScriptedProbe(params string[][] answers) : ILocalEnvironmentProbe
    {
        public int Calls { get; private set; }

        public Task<IReadOnlyList<string>> MissingAsync(CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<string>>(answers[Math.Min(Calls++, answers.Length - 1)]);
    }

    [Test]
    public async Task Nothing_runs_when_every_part_answers()
    {
        var probe = new ScriptedProbe([[]]);
        var processes = new ScriptedProcessRunner();
        var log = new RecordingDeliveryLog();

        await new LocalEnvironmentSetup(probe, processes, log, Root, isPrivileged: true).EnsureUpAsync("Validate", CancellationToken.None);

        Assert.That(processes.Specs, Is.Empty);
        Assert.That(log.Lines, Is.Empty);
    }

    [Test]
    public void Without_root_the_error_names_what_is_missing_and_the_one_sudo_command_and_nothing_runs()
    {
        var processes = new ScriptedProcessRunner();
        var setup = new LocalEnvironmentSetup(new ScriptedProbe(["the Docker engine", "PostgreSQL on 127.0.0.1:5432"]), processes, new RecordingDeliveryLog(), Root, isPrivileged: false);

        var error = Assert.ThrowsAsync<DeliveryException>(() => setup.EnsureUpAsync("Validate", CancellationToken.None))!;

        Assert.That(error.Message, Does.StartWith("Validate: the local environment is not running (the Docker engine, PostgreSQL on 127.0.0.1:5432)."));
        Assert.That(error.Message, Does.EndWith("sudo scripts/setup-local.sh"));
        Assert.That(processes.Specs, Is.Empty);
    }

    [Test]
    public async Task As_root_the_setup_script_runs_says_what_it_starts_and_the_parts_are_probed_again()
    {
        var probe = new ScriptedProbe(["the registry on 127.0.0.1:5000"], []);
        var processes = new ScriptedProcessRunner(_ => ScriptedProcessRunner.Ok("[setup] starting the local registry on 127.0.0.1:5000", "[setup] ready"));
        var log = new RecordingDeliveryLog();

        await new LocalEnvironmentSetup(probe, processes, log, Root, isPrivileged: true).EnsureUpAsync("Test", CancellationToken.None);

        Assert.That(processes.Specs.Select(s => (s.FileName, string.Join(' ', s.Arguments))), Is.EqualTo(new[] { ("bash", "/repo/scripts/setup-local.sh") }));
        Assert.That(log.Lines, Is.EqualTo(new[]
        {
            "Test: the local environment is not running (the registry on 127.0.0.1:5000); starting it with scripts/setup-local.sh.",
            "[setup] starting the local registry on 127.0.0.1:5000",
            "[setup] ready",
        }));
        Assert.That(probe.Calls, Is.EqualTo(2));
    }

    [Test]
    public void A_failing_setup_script_fails_the_step_with_its_exit_code()
    {
        var processes = new ScriptedProcessRunner(_ => ScriptedProcessRunner.Fail(100, "E: Unable to locate package docker.io"));
        var setup = new LocalEnvironmentSetup(new ScriptedProbe(["the Docker engine"]), processes, new RecordingDeliveryLog(), Root, isPrivileged: true);

        var error = Assert.ThrowsAsync<DeliveryException>(() => setup.EnsureUpAsync("Validate", CancellationToken.None))!;

        Assert.That(error.Message, Does.StartWith("Validate: scripts/setup-local.sh exited with 100"));
    }

    [Test]
    public void A_part_still_missing_after_the_script_is_named_with_where_to_look()
    {
        var setup = new LocalEnvironmentSetup(
            new ScriptedProbe(["the registry on 10.0.0.9:5000"]), new ScriptedProcessRunner(), new RecordingDeliveryLog(), Root, isPrivileged: true);

        var error = Assert.ThrowsAsync<DeliveryException>(() => setup.EnsureUpAsync("Validate", CancellationToken.None))!;

        Assert.That(error.Message, Does.Contain("still not answering: the registry on 10.0.0.9:5000").And.Contain("--registry"));
    }
}
