using TikTimer.AwsEndToEnd.Tests.Infrastructure;
using TikTimer.EndToEnd.Tests.Infrastructure;

namespace TikTimer.AwsEndToEnd.Tests;

/// <summary>infra/ is formatted and valid with the provider version it pins (from the machine's mirror).</summary>
[TestFixture]
[Category("Integration")]
public sealed class InfraTests
{
    [Test]
    public async Task Infra_is_formatted_as_terraform_fmt_writes_it()
    {
        using var terraform = Terraform.CopyOfInfra(RepositoryRoot.Find());

        var fmt = await terraform.RunAsync("fmt", "-check", "-diff", "-no-color");

        Assert.That(fmt.ExitCode, Is.Zero, $"run `terraform fmt` in infra/:\n{fmt.Output}");
    }

    [Test]
    public async Task Infra_validates_with_the_pinned_provider()
    {
        using var terraform = Terraform.CopyOfInfra(RepositoryRoot.Find());

        var init = await terraform.RunAsync("init", "-backend=false", "-input=false", "-no-color");
        Assert.That(init.ExitCode, Is.Zero, init.Output);
        Assert.That(init.Output, Does.Contain("hashicorp/aws v5.100.0"), init.Output);
        var validate = await terraform.RunAsync("validate", "-no-color");

        Assert.That(validate.ExitCode, Is.Zero, validate.Output);
        Assert.That(validate.Output, Does.Contain("The configuration is valid"));
    }
}
