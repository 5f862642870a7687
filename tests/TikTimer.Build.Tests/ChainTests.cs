using Cake.Frosting;
using TikTimer.Build.Tasks;
using TikTimer.Delivery.Validation;

namespace TikTimer.Build.Tests;

[NonParallelizable]
public class ChainTests
{
    [Test]
    public void The_default_target_runs_the_whole_chain_in_dependency_order()
    {
        using var output = new StringWriter();
        var exitCode = HostRun.Bounded(() => new CakeHost().AddAssembly(typeof(ValidateTask).Assembly).UseOutput(output).Run(["--tree"]));

        Assert.That(exitCode, Is.Zero);
        Assert.That(
            output.ToString(),
            Does.Match(@"Default\s+└─SmokeTest\s+└─Deploy\s+└─MigrateViaEcs\s+└─PushToEcr\s+└─BuildImage\s+└─Validate"));
    }

    [TestCase("--tree")]
    [TestCase("--description")]
    public void The_day_two_targets_are_listed_beside_the_chain(string listing)
    {
        using var output = new StringWriter();
        var exitCode = HostRun.Bounded(() => new CakeHost().AddAssembly(typeof(ValidateTask).Assembly).UseOutput(output).Run([listing]));

        Assert.That(exitCode, Is.Zero);
        Assert.That(output.ToString(), Does.Contain("Plan").And.Contain("Status").And.Contain("Rollback"));
        if (listing == "--description")
        {
            Assert.That(output.ToString(), Does.Contain("Shows what a delivery would do, changing nothing"));
        }
    }

    [Test]
    public void Plan_with_an_unknown_format_fails_naming_the_setting_and_its_values_before_anything_runs()
    {
        using var output = new StringWriter();
        var exitCode = HostRun.Bounded(() => new CakeHost()
            .UseContext<BuildContext>()
            .AddAssembly(typeof(ValidateTask).Assembly)
            .UseOutput(output)
            .Run(["--target=Plan", "--format=yaml"]));

        Assert.That(exitCode, Is.EqualTo(1));
        Assert.That(output.ToString(), Does.Contain("format").And.Contain("'yaml'").And.Contain("json"));
        Assert.That(output.ToString(), Does.Not.Contain("Plan for environment"));
    }

    [Test]
    public void Plan_on_aws_asks_for_what_the_whole_chain_needs_before_anything_runs()
    {
        using var output = new StringWriter();
        var exitCode = HostRun.Bounded(() => new CakeHost()
            .UseContext<BuildContext>()
            .AddAssembly(typeof(ValidateTask).Assembly)
            .UseOutput(output)
            .Run(["--target=Plan", "--platform=aws"]));

        Assert.That(exitCode, Is.EqualTo(1));
        Assert.That(output.ToString(), Does.Contain("cluster").And.Contain("migration-task-family"));
        Assert.That(output.ToString(), Does.Not.Contain("Plan for environment"));
    }

    [Test]
    public void A_bad_configuration_fails_before_any_task_runs()
    {
        using var output = new StringWriter();
        var exitCode = HostRun.Bounded(() => new CakeHost()
            .UseContext<BuildContext>()
            .AddAssembly(typeof(ValidateTask).Assembly)
            .UseOutput(output)
            .Run(["--target=Validate", "--migration-timeout=ten"]));

        Assert.That(exitCode, Is.EqualTo(1));
        Assert.That(output.ToString(), Does.Contain("migration-timeout").And.Contain("'ten'"));
        Assert.That(output.ToString(), Does.Not.Contain("Configuration of"));
    }

    [Test]
    public void A_secret_given_on_the_command_line_draws_a_warning_and_is_never_printed()
    {
        using var output = new StringWriter();
        var exitCode = HostRun.Bounded(() => new CakeHost()
            .UseContext<BuildContext>()
            .UseLifetime<BuildLifetime>()
            .AddAssembly(typeof(ValidateTask).Assembly)
            .UseOutput(output)
            .Run(["--target=PushToEcr", "--exclusive", "--database-url=postgres://app:Sup3r-s3cret@db:5432/app", "--print-settings"]));

        Assert.That(exitCode, Is.EqualTo(1), "PushToEcr alone has no image to push");
        Assert.That(output.ToString(), Does.Contain("--database-url was given on the command line"));
        Assert.That(output.ToString(), Does.Not.Contain("Sup3r-s3cret"));
    }

    [Test]
    public void A_test_that_reaches_the_real_Validate_does_not_start_the_test_suite_inside_itself()
    {
        using var output = new StringWriter();
        var exitCode = HostRun.Bounded(() => new CakeHost()
            .UseContext<BuildContext>()
            .UseLifetime<BuildLifetime>()
            .AddAssembly(typeof(ValidateTask).Assembly)
            .UseOutput(output)
            .Run(["--target=Validate"]));

        Assert.That(exitCode, Is.EqualTo(1), output.ToString());
        Assert.That(output.ToString(), Does.Contain("tests pass").And.Contain(NestedTestRun.Marker));
    }
}
