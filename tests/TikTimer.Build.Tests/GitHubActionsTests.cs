using Cake.Frosting;
using TikTimer.Build.Tasks;

namespace TikTimer.Build.Tests;

[NonParallelizable]
public class GitHubActionsTests
{
    private string _summary = null!;
    private TextWriter _console = null!;

    [SetUp]
    public void PretendToBeGitHubActions()
    {
        _summary = Path.GetTempFileName();
        Environment.SetEnvironmentVariable("GITHUB_ACTIONS", "true");
        Environment.SetEnvironmentVariable("GITHUB_STEP_SUMMARY", _summary);
        _console = Console.Out;
    }

    [TearDown]
    public void Restore()
    {
        Console.SetOut(_console);
        Environment.SetEnvironmentVariable("GITHUB_ACTIONS", null);
        Environment.SetEnvironmentVariable("GITHUB_STEP_SUMMARY", null);
        File.Delete(_summary);
    }

    [Test]
    public void A_failing_task_is_a_log_group_an_error_annotation_naming_it_and_a_failed_summary()
    {
        var (exitCode, output) = RunRealChain("--target=PushToEcr", "--exclusive");

        Assert.That(exitCode, Is.EqualTo(1));
        Assert.That(output, Does.Contain("::group::PushToEcr"));
        Assert.That(output, Does.Contain("::endgroup::"));
        Assert.That(output, Does.Contain("::error title=PushToEcr failed::PushToEcr: no image was built in this run."));
        var summary = File.ReadAllText(_summary);
        Assert.That(summary, Does.Contain("## TikTimer delivery: local (failed)"));
        Assert.That(summary, Does.Match(@"\| Task PushToEcr \| `failed in \d\d:\d\d:\d\d` \|"));
    }

    [Test]
    public void Secrets_are_registered_as_masks_before_anything_prints_them()
    {
        Environment.SetEnvironmentVariable("TIKTIMER_REGISTRY_PASSWORD", "pa55-w0rd-for-masking");
        try
        {
            var (_, output) = RunRealChain("--target=PushToEcr", "--exclusive");

            Assert.That(output, Does.Contain("::add-mask::pa55-w0rd-for-masking"));
        }
        finally
        {
            Environment.SetEnvironmentVariable("TIKTIMER_REGISTRY_PASSWORD", null);
        }
    }

    [Test]
    public void Workflow_command_values_escape_percent_and_newlines()
    {
        Assert.That(CiReporter.Escape("50% done\r\nnext"), Is.EqualTo("50%25 done%0D%0Anext"));
    }

    // Workflow commands go to the process's stdout, where the runner reads them.
    private static (int ExitCode, string Output) RunRealChain(params string[] args)
    {
        using var output = new StringWriter();
        Console.SetOut(output);
        var exitCode = new CakeHost()
            .UseContext<BuildContext>()
            .UseLifetime<BuildLifetime>()
            .UseTaskLifetime<BuildTaskLifetime>()
            .AddAssembly(typeof(ValidateTask).Assembly)
            .UseOutput(output)
            .Run(args);
        return (exitCode, output.ToString());
    }
}
