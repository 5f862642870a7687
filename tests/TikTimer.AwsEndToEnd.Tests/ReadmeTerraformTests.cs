using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using TikTimer.AwsEndToEnd.Tests.Infrastructure;
using TikTimer.Delivery.Aws;
using TikTimer.Delivery.Aws.Ecs;
using TikTimer.EndToEnd.Tests.Infrastructure;
using TikTimer.Testing;

namespace TikTimer.AwsEndToEnd.Tests;

/// <summary>
/// The README's "From Terraform to a deploy", followed literally: the lines between its
/// readme-terraform markers run as one bash script in a copy of the repository, against an
/// empty emulator, with only what a user's shell would hold in the environment (the
/// emulator's endpoint and keys, where the Terraform provider comes from, the database URL
/// in .local/database-url). The README cannot drift from what works: this is its text.
/// </summary>
[TestFixture]
[Category("EndToEnd")]
[Category("AwsEndToEnd")]
[NonParallelizable]
public sealed partial class ReadmeTerraformTests
{
    public const string StartMarker = "<!-- readme-terraform:start";
    public const string EndMarker = "<!-- readme-terraform:end -->";

    // The README's own names: environment dev in eu-west-1.
    private const string Region = "eu-west-1";
    private const string Cluster = "TikTimer-dev-cluster";
    private const string Service = "TikTimer-dev-api";

    private static readonly string[] ChainTasks = ["Validate", "BuildImage", "PushToEcr", "MigrateViaEcs", "Deploy", "SmokeTest"];

    private static readonly TimeSpan ScriptTimeout = TimeSpan.FromMinutes(20);

    [Test]
    public void The_readme_holds_the_block_between_its_markers()
    {
        var commands = Commands(File.ReadAllText(Path.Combine(RepositoryRoot.Find(), "README.md")));

        Assert.That(commands, Does.StartWith("cd infra\n"), "the code block's indentation is removed");
        Assert.That(commands, Does.Contain("\nterraform apply ").And.Contain("\n./build.sh --environment=dev"));
    }

    [Test]
    public async Task Following_the_readme_from_terraform_to_a_deploy_is_green()
    {
        var repositoryRoot = RepositoryRoot.Find();
        const string setup = "Run scripts/setup-local.sh once per machine (see the README's quick start).";
        Prerequisite.Require(await ScratchDatabase.IsReachableAsync(), $"PostgreSQL ({ScratchDatabase.DescribeServer()})", setup);
        Prerequisite.Require(ProgramOnPath("aws"), "the AWS CLI (the README's put-secret-value)", "apt-get install awscli (the machine image has v1).");
        Prerequisite.Require(ProgramOnPath("terraform"), "terraform (1.11)", "Install Terraform 1.11 (the CI machine image has it).");
        var mirror = Terraform.FindMirror();
        Prerequisite.Require(mirror is not null, "The Terraform provider mirror (registry.terraform.io/hashicorp/aws/5.100.0)", $"Set {Terraform.MirrorVariable} to the folder above registry.terraform.io.");

        using var copy = await RepositoryCopy.CreateAsync(repositoryRoot);
        await using var emulator = await AwsEmulator.StartAsync(repositoryRoot);
        await using var database = await ScratchDatabase.CreateAsync("tiktimer_readme");
        string? built = null;
        try
        {
            Directory.CreateDirectory(Path.Combine(copy.Root, ".local"));
            await File.WriteAllTextAsync(Path.Combine(copy.Root, ".local", "database-url"), database.Url);
            var cliConfig = Path.Combine(copy.Root, ".local", "terraform.rc");
            await File.WriteAllTextAsync(cliConfig, Terraform.CliConfig(mirror!));
            var script = Path.Combine(copy.Root, ".local", "readme.sh");
            await File.WriteAllTextAsync(script, Commands(await File.ReadAllTextAsync(Path.Combine(copy.Root, "README.md"))));

            // terraform apply asks; a user answers yes.
            var result = await ChildProcess.RunAsync("bash", ["-euo", "pipefail", script], copy.Root, ScriptTimeout, Environment(emulator, cliConfig), standardInput: "yes\n");
            var run = new BuildRun("the README's commands", result);
            built = run.BuiltReference;
            Attach(run);

            Assert.That(run.ExitCode, Is.Zero, run.Tail(120));
            var rows = SummaryRow().Matches(run.Output).Select(m => (Task: m.Groups["task"].Value, Status: m.Groups["status"].Value)).ToList();
            Assert.Multiple(() =>
            {
                Assert.That(run.Output, Does.Contain("Apply complete!"), run.Tail());
                Assert.That(rows.Select(r => r.Task), Is.SupersetOf(ChainTasks), run.Tail());
                Assert.That(rows.Where(r => r.Status != "Succeeded"), Is.Empty, run.Tail());
                Assert.That(run.Output, Does.Contain("Applied 0001_users"), "the migration's log lines");
                Assert.That(run.PushedImage, Does.StartWith(emulator.Registry + "/tiktimer-dev@sha256:"), "pushed to the repositoryUri ECR reported");
                Assert.That(run.Output, Does.Not.Contain(database.Password), "the database URL stays secret");
            });

            using var aws = AwsClientFactory.Create(new AwsClientOptions
            {
                Region = Region,
                EndpointUrl = emulator.Endpoint,
                Credentials = new AwsCredentials("testing", "testing"),
                MaxAttempts = 1,
            });
            var service = (await aws.Ecs.DescribeServicesAsync(new DescribeServicesRequest(Cluster, [Service]))).Services.Single();
            var definition = await aws.Ecs.DescribeTaskDefinitionAsync(new DescribeTaskDefinitionRequest(service.TaskDefinition!));
            Assert.Multiple(async () =>
            {
                Assert.That(definition.TaskDefinition.Container("tiktimer-api")!.Image, Is.EqualTo(run.PushedImage), "the service runs the image just pushed");
                Assert.That(service.Deployments, Has.Count.EqualTo(1));
                Assert.That(service.Deployments[0].RolloutState, Is.EqualTo("COMPLETED"));
                Assert.That(await HealthThroughTheLoadBalancerAsync(copy.Root), Is.EqualTo(200));
            });
        }
        finally
        {
            if (built is not null)
            {
                using var remove = Process.Start(new ProcessStartInfo("docker", ["rmi", "-f", built]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
                await remove.WaitForExitAsync();
            }
        }
    }

    /// <summary>The lines between the markers, without the code block's indentation.</summary>
    public static string Commands(string readme)
    {
        var text = readme.ReplaceLineEndings("\n");
        var start = text.IndexOf(StartMarker, StringComparison.Ordinal);
        var end = text.IndexOf(EndMarker, StringComparison.Ordinal);
        Assert.That(start >= 0 && end > start, Is.True, $"README.md must hold the Terraform commands between '{StartMarker} ...' and '{EndMarker}'");
        var block = text[(text.IndexOf('\n', start) + 1)..end];
        return string.Join('\n', block.Split('\n').Where(l => l.Trim().Length > 0).Select(l => l.StartsWith("    ", StringComparison.Ordinal) ? l[4..] : l)) + "\n";
    }

    // What the user's shell holds: the emulator's endpoint and keys, the provider mirror, and
    // TIKTIMER_SKIP_TESTS (the service's tests run in their own test project, not inside this one).
    private static Dictionary<string, string?> Environment(AwsEmulator emulator, string cliConfig)
    {
        var environment = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var name in System.Environment.GetEnvironmentVariables().Keys.Cast<string>())
        {
            if (name.StartsWith("TIKTIMER_", StringComparison.Ordinal) || name.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)
                || name.StartsWith("AWS_", StringComparison.Ordinal) || name.StartsWith("TF_", StringComparison.Ordinal)
                || name is "DATABASE_URL" or "MIGRATION_TASK_FAMILY" or "APP_SECURITY_GROUP" or "APP_SUBNET_IDS" or "ALB_DNS" or "GITHUB_ACTIONS" or "GITHUB_STEP_SUMMARY")
            {
                environment[name] = null;
            }
        }

        foreach (var (key, value) in emulator.ClientEnvironment())
        {
            environment[key] = value;
        }

        environment["TF_CLI_CONFIG_FILE"] = cliConfig;
        environment["CHECKPOINT_DISABLE"] = "1";
        environment["TIKTIMER_SKIP_TESTS"] = "true";
        return environment;
    }

    private static async Task<int> HealthThroughTheLoadBalancerAsync(string root)
    {
        using var outputs = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(root, ".local", "dev-outputs.json")));
        var alb = outputs.RootElement.GetProperty("alb_dns_name").GetProperty("value").GetString();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        using var response = await http.GetAsync(new Uri($"http://{alb}/health"));
        return (int)response.StatusCode;
    }

    private static void Attach(BuildRun run)
    {
        var file = Path.Combine(TestContext.CurrentContext.WorkDirectory, "readme-terraform.log");
        File.WriteAllText(file, $"{run.Description} (exit code {run.ExitCode}, {run.Duration})\n{run.Output}");
        TestContext.AddTestAttachment(file, run.Description);
        TestContext.Progress.WriteLine($"{run.Description}: exit code {run.ExitCode} after {run.Duration.TotalSeconds:F0} s");
    }

    private static bool ProgramOnPath(string name) =>
        (System.Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Any(directory => File.Exists(Path.Combine(directory, name)));

    [GeneratedRegex(@"^\s*(?<task>[A-Za-z]+)\s+(?<duration>\d{2}:\d{2}:\d{2}(\.\d+)?)\s+(?<status>[A-Za-z]+)\s*$", RegexOptions.Multiline)]
    private static partial Regex SummaryRow();
}
