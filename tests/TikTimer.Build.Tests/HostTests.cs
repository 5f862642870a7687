using TikTimer.Build.Tests.Samples;

namespace TikTimer.Build.Tests;

[NonParallelizable]
public class HostTests
{
    private static readonly Type[] Chain = [typeof(First), typeof(Second), typeof(Third)];

    [SetUp]
    public void ClearJournal() => Journal.Entries.Clear();

    [Test]
    public void Dependencies_run_in_order_before_the_target()
    {
        var (exitCode, _) = HostRun.Run(Chain, "--target=Third");

        Assert.That(exitCode, Is.Zero);
        Assert.That(Journal.Entries, Is.EqualTo(new[] { "First", "Second", "Third" }));
    }

    [Test]
    public void Exclusive_runs_only_the_target()
    {
        var (exitCode, _) = HostRun.Run(Chain, "--target=Third", "--exclusive");

        Assert.That(exitCode, Is.Zero);
        Assert.That(Journal.Entries, Is.EqualTo(new[] { "Third" }));
    }

    [Test]
    public void Short_switches_and_separate_values_work_like_the_long_forms()
    {
        var (exitCode, _) = HostRun.Run(Chain, "-t", "Third", "-e");

        Assert.That(exitCode, Is.Zero);
        Assert.That(Journal.Entries, Is.EqualTo(new[] { "Third" }));
    }

    [Test]
    public void A_failing_task_stops_the_chain_shows_as_failed_and_exits_1()
    {
        var (exitCode, output) = HostRun.Run([typeof(First), typeof(Broken), typeof(AfterBroken)], "--target=AfterBroken");

        Assert.That(exitCode, Is.EqualTo(1));
        Assert.That(Journal.Entries, Is.EqualTo(new[] { "First" }));
        Assert.That(output, Does.Match(@"Broken\s+[0-9:.]+\s+Failed"));
        Assert.That(output, Does.Contain("Error: the broken task broke"));
    }

    [Test]
    public void An_error_handler_that_only_observes_does_not_turn_failure_into_success()
    {
        var (exitCode, output) = HostRun.Run([typeof(ObservesError), typeof(AfterObserved)], "--target=AfterObserved");

        Assert.That(exitCode, Is.EqualTo(1));
        Assert.That(Journal.Entries, Is.EqualTo(new[] { "OnError: observed failure", "Finally" }));
        Assert.That(output, Does.Contain("Error: observed failure"));
    }

    [Test]
    public void A_task_marked_ContinueOnError_recovers_explicitly_and_the_chain_goes_on()
    {
        var (exitCode, _) = HostRun.Run([typeof(Recovers), typeof(AfterRecovered)], "--target=AfterRecovered");

        Assert.That(exitCode, Is.Zero);
        Assert.That(Journal.Entries, Is.EqualTo(new[] { "recovered", "AfterRecovered" }));
    }

    [Test]
    public void An_unknown_target_exits_1_and_lists_the_available_tasks()
    {
        var (exitCode, output) = HostRun.Run(Chain, "--target=Fourth");

        Assert.That(exitCode, Is.EqualTo(1));
        Assert.That(output, Does.Contain("Unknown target 'Fourth'. Available tasks: First, Second, Third."));
        Assert.That(Journal.Entries, Is.Empty);
    }

    [Test]
    public void A_skipped_task_says_why()
    {
        var (exitCode, output) = HostRun.Run([typeof(OnlyOnCi), typeof(AfterOnlyOnCi)], "--target=AfterOnlyOnCi");

        Assert.That(exitCode, Is.Zero, output);
        Assert.That(Journal.Entries, Is.EqualTo(new[] { "AfterOnlyOnCi" }));
        Assert.That(output, Does.Contain("Skipping task 'OnlyOnCi': works only on GitHub Actions"));
    }

    [Test]
    public void Argument_keys_are_case_insensitive()
    {
        var (exitCode, _) = HostRun.Run([typeof(ReadsArgument)], "--target=ReadsArgument", "--COLOR=blue");

        Assert.That(exitCode, Is.Zero);
        Assert.That(Journal.Entries, Is.EqualTo(new[] { "color=blue" }));
    }

    [Test]
    public void An_unknown_verbosity_exits_1_and_names_the_valid_ones()
    {
        var (exitCode, output) = HostRun.Run(Chain, "--target=Third", "--verbosity=loud");

        Assert.That(exitCode, Is.EqualTo(1));
        Assert.That(output, Does.Contain("Unknown verbosity 'loud'").And.Contain("diagnostic"));
        Assert.That(Journal.Entries, Is.Empty);
    }

    [Test]
    public void Tree_shows_the_dependency_tree_without_running_anything()
    {
        var (exitCode, output) = HostRun.Run(Chain, "--target=Third", "--tree");

        Assert.That(exitCode, Is.Zero);
        Assert.That(output, Does.Match(@"Third\s+└─Second\s+└─First"));
        Assert.That(Journal.Entries, Is.Empty);
    }

    [Test]
    public void Tree_with_exclusive_shows_only_the_target()
    {
        var (exitCode, output) = HostRun.Run(Chain, "--target=Third", "--tree", "--exclusive");

        Assert.That(exitCode, Is.Zero, output);
        Assert.That(output, Does.Contain("Third"));
        Assert.That(output, Does.Not.Contain("Second").And.Not.Contain("First"));
        Assert.That(Journal.Entries, Is.Empty);
    }

    [Test]
    public void Dry_run_with_exclusive_names_only_the_target()
    {
        var (exitCode, output) = HostRun.Run(Chain, "--target=Third", "--dryrun", "--exclusive");

        Assert.That(exitCode, Is.Zero, output);
        Assert.That(output, Does.Contain("Third"));
        Assert.That(output, Does.Not.Contain("Second").And.Not.Contain("First"));
        Assert.That(Journal.Entries, Is.Empty);
    }

    [Test]
    public void Description_lists_the_tasks_with_their_descriptions()
    {
        var (exitCode, output) = HostRun.Run(Chain, "--description");

        Assert.That(exitCode, Is.Zero);
        Assert.That(output, Does.Contain("First").And.Contain("Runs first"));
        Assert.That(Journal.Entries, Is.Empty);
    }

    [Test]
    public void Dry_run_names_the_tasks_it_would_run_and_runs_none()
    {
        var (exitCode, output) = HostRun.Run(Chain, "--target=Third", "--dryrun");

        Assert.That(exitCode, Is.Zero);
        Assert.That(output, Does.Contain("First").And.Contain("Second").And.Contain("Third"));
        Assert.That(Journal.Entries, Is.Empty);
    }

    [Test]
    public void Help_shows_the_switches_and_the_tasks()
    {
        var (exitCode, output) = HostRun.Run(Chain, "--help");

        Assert.That(exitCode, Is.Zero);
        Assert.That(output, Does.Contain("--exclusive").And.Contain("--tree").And.Contain("Runs first"));
    }

    [Test]
    public void Version_prints_a_version_and_runs_nothing()
    {
        var (exitCode, output) = HostRun.Run(Chain, "--version");

        Assert.That(exitCode, Is.Zero);
        Assert.That(output.Trim(), Does.Match(@"^\d+\.\d+"));
        Assert.That(Journal.Entries, Is.Empty);
    }
}
