using System.Text.RegularExpressions;

namespace TikTimer.Build.Tests.Bootstrap;

/// <summary>
/// The same bootstrap cases against build.sh and build.ps1, each in its own copy of the
/// repository: arguments reach the host unchanged, its exit code is the script's, the host
/// is rebuilt exactly when a source changed, and concurrent runs do not collide.
/// </summary>
[TestFixture("build.sh")]
[TestFixture("build.ps1")]
[NonParallelizable]
public sealed partial class BootstrapScriptTests(string scriptName)
{
    private readonly BootstrapScript _script = new(scriptName);
    private ScratchRepository _repository = null!;

    [OneTimeSetUp]
    public void CopyTheRepository()
    {
        _script.RequireInterpreter();
        _repository = ScratchRepository.CopyOf(RepositoryRoot.Find(TestContext.CurrentContext.TestDirectory));
    }

    [OneTimeTearDown]
    public void RemoveTheCopy() => _repository?.Dispose();

    [Test]
    public async Task A_successful_run_exits_0_with_the_hosts_output()
    {
        var run = await RunAsync("--tree");

        Assert.That(run.ExitCode, Is.Zero, run.Output);
        Assert.That(run.Output, Does.Match(@"Default\s+└─SmokeTest"));
    }

    [Test]
    public async Task Values_with_spaces_quotes_and_equals_signs_reach_the_host_unchanged_and_its_exit_code_1_is_returned()
    {
        var run = await RunAsync("-t", "Validate", "--migration-timeout=ten minutes = \"soon\"", "--skip-tests");

        Assert.That(run.ExitCode, Is.EqualTo(1), run.Output);
        Assert.That(run.Output, Does.Contain("migration-timeout: 'ten minutes = \"soon\"' (from --migration-timeout)"));
    }

    [Test]
    public async Task Output_to_a_pipe_is_plain_text_and_GitHub_Actions_gets_colours()
    {
        var piped = await RunAsync("--dryrun");
        var onGitHub = await _script.RunAsync(_repository.Root, new Dictionary<string, string> { ["GITHUB_ACTIONS"] = "true" }, "--dryrun");

        Assert.That((piped.ExitCode, onGitHub.ExitCode), Is.EqualTo((0, 0)), piped.Output + onGitHub.Output);
        Assert.That(piped.Output, Does.Not.Contain("\u001b["));
        Assert.That(onGitHub.Output, Does.Contain("\u001b["));
    }

    [Test]
    public async Task An_unknown_target_exits_1()
    {
        var run = await RunAsync("--target=Nope");

        Assert.That(run.ExitCode, Is.EqualTo(1), run.Output);
        Assert.That(run.Output, Does.Contain("Unknown target 'Nope'"));
    }

    [Test]
    public async Task A_second_run_with_nothing_changed_does_not_rebuild()
    {
        await RunAsync("--tree");

        var run = await RunAsync("--tree");

        Assert.That((run.ExitCode, run.Rebuilt), Is.EqualTo((0, false)), run.Output);
    }

    [Test]
    public async Task An_added_source_rebuilds_once_and_so_does_its_deletion()
    {
        await RunAsync("--tree");
        var added = _repository.PathOf("build/BootstrapProbe.cs");
        File.WriteAllText(added, "namespace TikTimer.Build;\n\ninternal static class BootstrapProbe;\n");
        var afterAdding = await RunAsync("--tree");
        var again = await RunAsync("--tree");

        // Deleting leaves every remaining file as old as before: only the list of files tells.
        File.Delete(added);
        var afterDeleting = await RunAsync("--tree");

        Assert.That(
            new[] { afterAdding.Rebuilt, again.Rebuilt, afterDeleting.Rebuilt },
            Is.EqualTo(new[] { true, false, true }),
            afterDeleting.Output);
        Assert.That(afterDeleting.ExitCode, Is.Zero, afterDeleting.Output);
    }

    [Test]
    public async Task Concurrent_runs_after_an_edit_build_once_and_all_run_the_new_host()
    {
        await RunAsync("--tree");
        File.AppendAllText(_repository.PathOf("build/Program.cs"), $"// edited {Guid.NewGuid()}\n");

        var runs = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => RunAsync("--tree")));

        Assert.That(runs.Select(r => r.ExitCode), Is.All.Zero, string.Join("\n---\n", runs.Select(r => r.Output)));
        Assert.That(runs.Count(r => r.Rebuilt), Is.EqualTo(1));
        Assert.That(runs.Select(r => TreeRoot().IsMatch(r.Output)), Is.All.True);
    }

    [Test]
    public async Task A_source_that_does_not_compile_exits_1_with_the_error_and_the_previous_host_is_not_used()
    {
        await RunAsync("--tree");
        var broken = _repository.PathOf("build/Broken.cs");
        File.WriteAllText(broken, "this is not C#\n");
        try
        {
            var run = await RunAsync("--tree");

            Assert.That(run.ExitCode, Is.EqualTo(1), run.Output);
            Assert.That(run.Output, Does.Contain("Broken.cs").And.Contain("error CS"));
            Assert.That(TreeRoot().IsMatch(run.Output), Is.False, "the stale host must not run");
        }
        finally
        {
            File.Delete(broken);
        }
    }

    private Task<ScriptRun> RunAsync(params string[] arguments) => _script.RunAsync(_repository.Root, arguments);

    [GeneratedRegex(@"Default\s+└─SmokeTest")]
    private static partial Regex TreeRoot();
}
