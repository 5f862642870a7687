using System.Diagnostics;
using Cake.Frosting;
using TikTimer.Delivery.Configuration;
using YamlDotNet.RepresentationModel;

namespace TikTimer.Build.Tests.Workflow;

/// <summary>
/// .github/workflows/cd.yml as committed, on a push to main: the region step runs for
/// real, configure-aws-credentials exports its region, and the build step's command is
/// expanded by bash with exactly the environment the step declares. Its settings must
/// then resolve from deploy/dev.json plus the secrets the step passes, nothing else.
/// </summary>
public class CdWorkflowTests
{
    // The team's existing secrets, with values of the shape AWS gives them.
    private static readonly Dictionary<string, string> Secrets = new(StringComparer.Ordinal)
    {
        ["AWS_DEPLOY_ROLE_ARN"] = "arn:aws:iam::123456789012:role/tiktimer-deploy",
        ["MIGRATION_TASK_FAMILY"] = "TikTimer-dev-migration",
        ["APP_SECURITY_GROUP"] = "sg-0123456789abcdef0",
        ["APP_SUBNET_IDS"] = "subnet-0123456789abcdef0,subnet-0fedcba9876543210",
        ["ALB_DNS"] = "TikTimer-dev-alb-123456789.eu-west-1.elb.amazonaws.com",
    };

    private readonly string _root = RepositoryRoot.Find(TestContext.CurrentContext.TestDirectory);

    [Test]
    public void A_push_to_main_resolves_every_setting_from_deploy_dev_json_and_the_secrets_it_passes()
    {
        var (arguments, environment) = BuildStep(Secrets);

        var settings = Resolve(arguments, environment).Settings;

        Assert.That(settings.Environment, Is.EqualTo("dev"));
        Assert.That(settings.IsAws, Is.True);
        Assert.That(settings.Region, Is.EqualTo("eu-west-1"));
        Assert.That(settings.Cluster, Is.EqualTo("TikTimer-dev-cluster"));
        Assert.That(settings.Subnets, Is.EqualTo(new[] { "subnet-0123456789abcdef0", "subnet-0fedcba9876543210" }));
        Assert.That(settings.MigrationTaskFamily, Is.EqualTo("TikTimer-dev-migration"));
    }

    [Test]
    public void Without_one_of_the_secrets_the_command_fails_naming_the_setting_it_provides()
    {
        var (arguments, environment) = BuildStep(Secrets.Where(s => s.Key != "APP_SUBNET_IDS").ToDictionary());

        var error = Assert.Throws<SettingsException>(() => Resolve(arguments, environment))!;

        Assert.That(error.Message, Does.Contain("subnets").And.Contain("APP_SUBNET_IDS"));
    }

    private ResolvedSettings Resolve(IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string> environment)
    {
        var parsed = HostArguments.Parse(arguments);
        var settingArguments = parsed.Values
            .Where(v => !HostArguments.HostSwitches.Contains(v.Key))
            .ToDictionary(v => v.Key, v => v.Last(), StringComparer.OrdinalIgnoreCase);
        Assert.That(parsed.Target, Is.EqualTo("Default"));
        return SettingsResolver.Resolve(new SettingsInputs(settingArguments, environment.GetValueOrDefault, _root));
    }

    /// <summary>The build step's command line and environment, as the runner would give them.</summary>
    private (IReadOnlyList<string> Arguments, IReadOnlyDictionary<string, string> Environment) BuildStep(IReadOnlyDictionary<string, string> secrets)
    {
        var steps = Steps();
        var outputs = new Dictionary<string, string>(StringComparer.Ordinal);
        string? Context(string path) => path switch
        {
            _ when path.StartsWith("secrets.", StringComparison.Ordinal) => secrets.GetValueOrDefault(path["secrets.".Length..]),
            _ when path.StartsWith("inputs.", StringComparison.Ordinal) => null, // a push has no workflow_dispatch inputs
            _ when path.StartsWith("vars.", StringComparison.Ordinal) => throw new AssertionException($"The workflow needs the repository variable {path}; commit it in deploy/dev.json instead."),
            _ => outputs.GetValueOrDefault(path),
        };

        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var step in steps)
        {
            if (Scalar(step, "uses") is { } uses && uses.StartsWith("aws-actions/configure-aws-credentials@", StringComparison.Ordinal))
            {
                // The action exports the region it was given (and credentials, not settings).
                var region = WorkflowExpression.Substitute(Scalar(Map(step, "with")!, "aws-region")!, Context);
                environment["AWS_REGION"] = environment["AWS_DEFAULT_REGION"] = region;
            }
            else if (Scalar(step, "run") is { } run && run.Contains("./build.sh", StringComparison.Ordinal))
            {
                var stepEnvironment = new Dictionary<string, string>(environment, StringComparer.Ordinal);
                foreach (var entry in Map(step, "env")?.Children ?? Enumerable.Empty<KeyValuePair<YamlNode, YamlNode>>())
                {
                    stepEnvironment[((YamlScalarNode)entry.Key).Value!] = WorkflowExpression.Substitute(((YamlScalarNode)entry.Value).Value!, Context);
                }

                var arguments = Bash(run.Replace("./build.sh", "print_arguments", StringComparison.Ordinal), stepEnvironment);
                return (arguments.Split('\0', StringSplitOptions.RemoveEmptyEntries), stepEnvironment.Where(e => e.Value.Length > 0).ToDictionary());
            }
            else if (Scalar(step, "run") is { } command && Scalar(step, "id") is { } id)
            {
                var outputFile = Path.GetTempFileName();
                try
                {
                    Bash(command, new Dictionary<string, string> { ["GITHUB_OUTPUT"] = outputFile });
                    foreach (var line in File.ReadAllLines(outputFile).Where(l => l.Contains('=')))
                    {
                        outputs[$"steps.{id}.outputs.{line[..line.IndexOf('=')]}"] = line[(line.IndexOf('=') + 1)..];
                    }
                }
                finally
                {
                    File.Delete(outputFile);
                }
            }
        }

        throw new AssertionException("cd.yml has no step that runs ./build.sh.");
    }

    private List<YamlMappingNode> Steps()
    {
        var yaml = new YamlStream();
        using (var reader = new StreamReader(Path.Combine(_root, ".github", "workflows", "cd.yml")))
        {
            yaml.Load(reader);
        }

        var jobs = Map((YamlMappingNode)yaml.Documents[0].RootNode, "jobs")!;
        var job = (YamlMappingNode)jobs.Children.Single().Value;
        return ((YamlSequenceNode)job.Children[new YamlScalarNode("steps")]).Children.Cast<YamlMappingNode>().ToList();
    }

    private string Bash(string script, IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo("bash") { WorkingDirectory = _root, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("set -euo pipefail\nprint_arguments() { printf '%s\\0' \"$@\"; }\n" + script);
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.That(process.ExitCode, Is.Zero, $"bash -c {script}\n{error}");
        return output;
    }

    private static string? Scalar(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) && value is YamlScalarNode scalar ? scalar.Value : null;

    private static YamlMappingNode? Map(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value as YamlMappingNode : null;
}
