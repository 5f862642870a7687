using System.Text.Json;
using TikTimer.AwsEndToEnd.Tests.Infrastructure;
using TikTimer.Delivery.Aws;
using TikTimer.Delivery.Aws.Ecr;
using TikTimer.Delivery.Aws.Ecs;
using TikTimer.EndToEnd.Tests.Infrastructure;
using TikTimer.Testing;

namespace TikTimer.AwsEndToEnd.Tests;

/// <summary>
/// aws Validate against infra/ applied to the emulator: a wrong subnet, security group, log
/// group or load balancer name stops the whole chain in Validate, naming the resource and the
/// fix, before anything is built, pushed or registered. One emulator and one apply for all;
/// each run fails in seconds (the build host is warm after the first).
/// </summary>
[TestFixture]
[Category("EndToEnd")]
[Category("AwsEndToEnd")]
[NonParallelizable]
public sealed class AwsValidateTests
{
    private const string WrongSubnet = "subnet-0123456789abcdef0";
    private const string WrongSecurityGroup = "sg-0123456789abcdef0";

    // A reserved top-level domain (RFC 6761): never a real host, answered at once by any resolver.
    private const string UnresolvableSmokeUrl = "http://tiktimer-no-such-alb.invalid";

    private readonly string environment = $"v{Guid.NewGuid():N}"[..9];
    private AwsEmulator? emulator;
    private Terraform? terraform;
    private AwsBuild? build;
    private AwsClients? aws;
    private JsonElement outputs;

    private string Output(string name) => outputs.GetProperty(name).GetProperty("value").GetString()!;

    private AwsBuild Build => build ?? throw new InvalidOperationException("OneTimeSetUp did not finish.");

    [OneTimeSetUp]
    public async Task ApplyInfraToAnEmptyEmulator()
    {
        var repositoryRoot = RepositoryRoot.Find();
        terraform = Terraform.CopyOfInfra(repositoryRoot);
        emulator = await AwsEmulator.StartAsync(repositoryRoot);
        aws = emulator.Clients();

        var init = await terraform.RunAsync(emulator.ClientEnvironment(), "init", "-input=false", "-no-color");
        Assert.That(init.ExitCode, Is.Zero, init.Output);
        var apply = await terraform.RunAsync(
            emulator.ClientEnvironment(),
            "apply", "-auto-approve", "-input=false", "-no-color", $"-var=region={AwsEmulator.Region}", $"-var=environment={environment}", "-var=desired_count=1");
        Assert.That(apply.ExitCode, Is.Zero, apply.Output);
        outputs = await terraform.OutputsAsync();
        build = new AwsBuild(repositoryRoot, emulator, terraform);
    }

    [OneTimeTearDown]
    public async Task StopTheEmulator()
    {
        aws?.Dispose();
        if (emulator is not null)
        {
            await emulator.DisposeAsync();
        }

        terraform?.Dispose();
    }

    [Test]
    [Order(1)]
    public async Task The_resources_Terraform_made_pass_every_check()
    {
        var run = await Build.RunAsync("./build.sh --target=Validate (infra/ as applied)", "--target=Validate");

        Assert.That(run.ExitCode, Is.Zero, run.Tail());
        Assert.Multiple(() =>
        {
            Assert.That(run.Output, Does.Contain($"ok    subnet(s) {string.Join(", ", outputs.GetProperty("app_subnet_ids").GetProperty("value").EnumerateArray().Select(s => s.GetString()))} exist in {AwsEmulator.Region}"), run.Tail());
            Assert.That(run.Output, Does.Contain($"ok    security group(s) {Output("app_security_group_id")} exist in {AwsEmulator.Region}"), run.Tail());
            Assert.That(run.Output, Does.Contain("ok    the CloudWatch log groups the task definitions log to exist"), run.Tail());
            Assert.That(run.Output, Does.Contain($"ok    the smoke URL's host '127.0.0.1' resolves"), run.Tail());
        });
    }

    [Test]
    [Order(2)]
    public async Task A_subnet_that_does_not_exist_stops_the_chain_in_Validate()
    {
        var run = await ChainAsync("a wrong subnet", $"--subnets={WrongSubnet}");

        Assert.That(run.Output, Does.Contain($"subnet {WrongSubnet} does not exist in {AwsEmulator.Region} (subnets from --subnets)").And.Contain("APP_SUBNET_IDS"), run.Tail());
        await AssertNothingWasPushedOrRegisteredAsync(run);
    }

    [Test]
    [Order(3)]
    public async Task A_security_group_that_does_not_exist_stops_the_chain_in_Validate()
    {
        var run = await ChainAsync("a wrong security group", $"--security-groups={WrongSecurityGroup}");

        Assert.That(run.Output, Does.Contain($"security group {WrongSecurityGroup} does not exist in {AwsEmulator.Region}").And.Contain("APP_SECURITY_GROUP"), run.Tail());
        await AssertNothingWasPushedOrRegisteredAsync(run);
    }

    [Test]
    [Order(4)]
    public async Task A_smoke_host_that_does_not_resolve_stops_the_chain_in_Validate()
    {
        var run = await ChainAsync("an unresolvable smoke host", $"--smoke-base-url={UnresolvableSmokeUrl}");

        Assert.That(run.Output, Does.Contain("the host 'tiktimer-no-such-alb.invalid' of http://tiktimer-no-such-alb.invalid (smoke-base-url from --smoke-base-url) does not resolve"), run.Tail());
        await AssertNothingWasPushedOrRegisteredAsync(run);
    }

    [Test]
    [Order(5)]
    public async Task Every_problem_is_reported_in_one_run()
    {
        var run = await ChainAsync("every problem at once", $"--subnets={WrongSubnet}", $"--security-groups={WrongSecurityGroup}", $"--smoke-base-url={UnresolvableSmokeUrl}");

        Assert.That(run.Output, Does.Contain("3 prerequisites are not met; nothing was changed"), run.Tail());
        await AssertNothingWasPushedOrRegisteredAsync(run);
    }

    [Test]
    [Order(6)]
    public async Task A_log_group_that_does_not_exist_stops_the_chain_in_Validate()
    {
        var group = Output("log_group_name");
        await AwsCliAsync("logs", "delete-log-group", "--log-group-name", group);
        BuildRun run;
        try
        {
            run = await ChainAsync("a missing log group");
        }
        finally
        {
            await AwsCliAsync("logs", "create-log-group", "--log-group-name", group);
        }

        Assert.That(run.Output, Does.Contain($"log group '{group}' does not exist in {AwsEmulator.Region}")
            .And.Contain($"container 'tiktimer-api' of TikTimer-{environment}-migration:1")
            .And.Contain("awslogs-create-group"), run.Tail());
        await AssertNothingWasPushedOrRegisteredAsync(run);
    }

    /// <summary>The whole chain, which must stop in Validate.</summary>
    private async Task<BuildRun> ChainAsync(string what, params string[] arguments)
    {
        var run = await Build.RunAsync($"./build.sh with {what}", [$"--image-tag=v-{Guid.NewGuid():N}", .. arguments]);

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(1), run.Tail());
            Assert.That(run.StatusOf("Validate"), Is.EqualTo("Failed"), run.Tail());
            Assert.That(run.StatusOf("BuildImage"), Is.Null, "nothing was built");
            Assert.That(run.Output, Does.Not.Contain("Exception:").And.Not.Contain("   at "), "a user mistake is no stack trace");
        });
        return run;
    }

    private async Task AssertNothingWasPushedOrRegisteredAsync(BuildRun run)
    {
        var images = await aws!.Ecr.DescribeImagesAsync(new DescribeImagesRequest(Output("ecr_repository_name")));
        var migration = await aws.Ecs.DescribeTaskDefinitionAsync(new DescribeTaskDefinitionRequest(Output("migration_task_family")));
        var service = (await aws.Ecs.DescribeServicesAsync(new DescribeServicesRequest(Output("ecs_cluster_name"), [outputs.GetProperty("ecs_service_names").GetProperty("value")[0].GetString()!]))).Services.Single();
        var serviceDefinition = await aws.Ecs.DescribeTaskDefinitionAsync(new DescribeTaskDefinitionRequest(service.TaskDefinition!));
        Assert.Multiple(() =>
        {
            Assert.That(images.ImageDetails, Is.Empty, $"nothing was pushed\n{run.Tail()}");
            Assert.That(migration.TaskDefinition.Revision, Is.EqualTo(1), "no migration revision was registered");
            Assert.That(serviceDefinition.TaskDefinition.Revision, Is.EqualTo(1), "no service revision was registered");
            Assert.That(service.Deployments, Has.Count.EqualTo(1), "the service was not touched");
        });
    }

    // The AWS CLI against the emulator: the suite's own client has no call that deletes.
    private async Task AwsCliAsync(params string[] arguments)
    {
        Prerequisite.Require(
            (System.Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator).Any(d => File.Exists(Path.Combine(d, "aws"))),
            "the AWS CLI", "apt-get install awscli (the machine image has v1).");
        var result = await ChildProcess.RunAsync("aws", [.. arguments, "--region", AwsEmulator.Region], TestContext.CurrentContext.WorkDirectory, TimeSpan.FromMinutes(1), emulator!.ClientEnvironment());
        Assert.That(result.ExitCode, Is.Zero, $"aws {string.Join(' ', arguments)}: {result.Output}");
    }
}
