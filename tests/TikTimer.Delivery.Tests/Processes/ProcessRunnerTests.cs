using System.Diagnostics;
using TikTimer.Delivery.Processes;

namespace TikTimer.Delivery.Tests.Processes;

public class ProcessRunnerTests
{
    private static ProcessSpec Shell(string script) => new("/bin/sh", ["-c", script]);

    [Test]
    public async Task Output_lines_are_streamed_to_the_callback_and_captured()
    {
        var streamed = new List<string>();

        var result = await new ProcessRunner().RunAsync(Shell("echo one; echo two") with { OnOutputLine = streamed.Add });

        Assert.That(streamed, Is.EqualTo(new[] { "one", "two" }));
        Assert.That(result.OutputLines, Is.EqualTo(new[] { "one", "two" }));
    }

    [Test]
    public async Task Standard_input_reaches_the_process()
    {
        var result = await new ProcessRunner().RunAsync(Shell("cat") with { StandardInput = "from stdin" });

        Assert.That(result.Output, Is.EqualTo("from stdin"));
    }

    [Test]
    public async Task Extra_environment_reaches_the_process()
    {
        var spec = Shell("echo \"$TIKTIMER_PROBE\"") with { Environment = new Dictionary<string, string?> { ["TIKTIMER_PROBE"] = "value" } };

        var result = await new ProcessRunner().RunAsync(spec);

        Assert.That(result.Output, Is.EqualTo("value"));
    }

    [Test]
    public async Task Arguments_reach_the_process_one_by_one_without_shell_parsing()
    {
        var result = await new ProcessRunner().RunAsync(new ProcessSpec("/usr/bin/printf", ["%s|", "a b", "$HOME", "'q'"]));

        Assert.That(result.Output, Is.EqualTo("a b|$HOME|'q'|"));
    }

    [Test]
    public void A_failure_names_the_step_the_command_and_the_end_of_standard_error()
    {
        var spec = Shell("echo early >&2; echo reason >&2; exit 4") with { Step = "BuildImage" };

        var error = Assert.ThrowsAsync<ProcessFailedException>(() => new ProcessRunner().RunAsync(spec));

        Assert.That(error.Message, Does.StartWith("BuildImage: `sh -c 'echo early").And.Contain("exited with code 4").And.EndWith("early\nreason"));
    }

    [Test]
    public async Task A_failure_can_be_left_to_the_caller_to_judge()
    {
        var result = await new ProcessRunner().RunAsync(Shell("exit 2") with { ThrowOnFailure = false });

        Assert.That(result.ExitCode, Is.EqualTo(2));
    }

    [Test]
    public async Task Cancelling_kills_the_process_and_its_children()
    {
        var pidFile = Path.GetTempFileName();
        using var cancellation = new CancellationTokenSource();
        var spec = Shell($"sleep 60 & echo $! > {pidFile}; echo started; wait") with
        {
            OnOutputLine = line => { if (line == "started") { cancellation.Cancel(); } },
        };

        Assert.That(async () => await new ProcessRunner().RunAsync(spec, cancellation.Token), Throws.InstanceOf<OperationCanceledException>());

        var child = int.Parse((await File.ReadAllTextAsync(pidFile)).Trim(), System.Globalization.CultureInfo.InvariantCulture);
        File.Delete(pidFile);
        Assert.That(IsRunning(child), Is.False);
    }

    [Test]
    public void A_missing_executable_is_reported_with_its_name()
    {
        var error = Assert.ThrowsAsync<DeliveryException>(() => new ProcessRunner().RunAsync(new ProcessSpec("/nowhere/tool", [])));

        Assert.That(error.Message, Does.Contain("/nowhere/tool"));
    }

    [Test]
    public async Task The_start_observer_sees_the_real_argument_list()
    {
        var seen = new List<ProcessStartInfo>();

        await new ProcessRunner(seen.Add).RunAsync(new ProcessSpec("/bin/true", ["x", "y"]));

        Assert.That(seen.Single().ArgumentList, Is.EqualTo(new[] { "x", "y" }));
    }

    private static bool IsRunning(int pid)
    {
        // A killed child may linger briefly as a zombie until reaped; it no longer runs.
        var status = $"/proc/{pid}/status";
        return File.Exists(status) && !File.ReadAllText(status).Contains("State:\tZ", StringComparison.Ordinal);
    }
}
