using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using TikTimer.Delivery.Aws.Ec2;
using TikTimer.Delivery.Aws.Ecr;
using TikTimer.Delivery.Aws.Ecs;
using TikTimer.Delivery.Aws.Logs;
using TikTimer.Delivery.Aws.Sts;

namespace TikTimer.Delivery.Tests.Aws;

/// <summary>
/// The CI deploy role in infra/ (deploy-role.tf reads its actions from
/// infra/deploy-role-actions.json) allows exactly what the suite calls: the operations of its
/// AWS client (the five interfaces, one method per operation) that the pipeline uses, what
/// `docker push` calls on ECR, and iam:PassRole for the task roles of the revisions it
/// registers. A call added to the suite without the permission, or a permission left behind,
/// fails here instead of in a team's first deploy.
/// </summary>
public sealed partial class DeployRolePolicyTests
{
    // docker push to ECR (not the suite's client, but the suite's push).
    private static readonly string[] DockerPush =
        ["ecr:BatchCheckLayerAvailability", "ecr:InitiateLayerUpload", "ecr:UploadLayerPart", "ecr:CompleteLayerUpload", "ecr:PutImage"];

    // RegisterTaskDefinition with executionRoleArn / taskRoleArn needs iam:PassRole on them.
    private static readonly string[] NotAnApiCall = ["iam:PassRole"];

    // AWS answers it for any valid credentials; no policy can allow or deny it.
    private static readonly string[] NeedsNoPermission = ["sts:GetCallerIdentity"];

    // In the client (tests and future stages use them), never called by the pipeline: no permission.
    private static readonly string[] NotCalledByThePipeline =
        ["ecs:DeregisterTaskDefinition", "ecr:DescribeImages", "logs:FilterLogEvents"];

    private static readonly (Type Api, string Prefix)[] Apis =
        [(typeof(IEcsApi), "ecs"), (typeof(IEcrApi), "ecr"), (typeof(ICloudWatchLogsApi), "logs"), (typeof(IStsApi), "sts"), (typeof(IEc2Api), "ec2")];

    [Test]
    public void The_deploy_role_allows_exactly_the_calls_the_suite_makes()
    {
        var expected = ClientOperations()
            .Except(NeedsNoPermission)
            .Except(NotCalledByThePipeline)
            .Concat(DockerPush)
            .Concat(NotAnApiCall)
            .ToHashSet(StringComparer.Ordinal);

        var allowed = PolicyActions();

        Assert.Multiple(() =>
        {
            Assert.That(expected.Except(allowed).Order(), Is.Empty, "called by the suite but not allowed (add to infra/deploy-role-actions.json)");
            Assert.That(allowed.Except(expected).Order(), Is.Empty, "allowed but never called (remove from infra/deploy-role-actions.json)");
            Assert.That(allowed.Count, Is.EqualTo(allowed.Distinct().Count()), "an action is listed twice");
        });
    }

    [Test]
    public void The_operations_left_out_are_really_not_called_by_the_pipeline()
    {
        var root = RepositoryRoot();
        var clientFolders = new[] { "Ecs", "Ecr", "Logs", "Sts", "Ec2", "Http" }.Select(f => Path.Combine(root, "src", "TikTimer.Delivery", "Aws", f) + Path.DirectorySeparatorChar).ToArray();
        var sources = Directory.EnumerateFiles(Path.Combine(root, "src"), "*.cs", SearchOption.AllDirectories)
            .Concat(Directory.EnumerateFiles(Path.Combine(root, "build"), "*.cs", SearchOption.AllDirectories))
            .Where(file => !clientFolders.Any(file.StartsWith) && !file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(file => (file, text: File.ReadAllText(file)))
            .ToList();

        Assert.Multiple(() =>
        {
            foreach (var operation in NotCalledByThePipeline)
            {
                var method = operation[(operation.IndexOf(':') + 1)..] + "Async";
                var callers = sources.Where(s => s.text.Contains(method, StringComparison.Ordinal)).Select(s => Path.GetRelativePath(root, s.file)).ToList();
                Assert.That(callers, Is.Empty, $"{operation} is called now: move it into infra/deploy-role-actions.json");
            }
        });
    }

    [Test]
    public void Every_statement_of_the_actions_file_has_its_resources_in_deploy_role_tf()
    {
        var root = RepositoryRoot();
        var terraform = File.ReadAllText(Path.Combine(root, "infra", "deploy-role.tf"));
        var statements = ActionsFile().RootElement.EnumerateObject().Select(p => p.Name).ToList();

        Assert.That(statements, Is.Not.Empty);
        Assert.Multiple(() =>
        {
            foreach (var statement in statements)
            {
                Assert.That(terraform, Does.Match($@"(?m)^\s+{Regex.Escape(statement)}\s+=\s+\["), $"deploy_resources has no entry '{statement}'");
            }
        });
    }

    private static IEnumerable<string> ClientOperations() =>
        Apis.SelectMany(api => api.Api.GetMethods(BindingFlags.Public | BindingFlags.Instance)
            .Where(m => m.Name.EndsWith("Async", StringComparison.Ordinal))
            .Select(m => $"{api.Prefix}:{m.Name[..^"Async".Length]}"));

    private static List<string> PolicyActions() =>
        [.. ActionsFile().RootElement.EnumerateObject().SelectMany(statement => statement.Value.EnumerateArray().Select(a => a.GetString()!))];

    private static JsonDocument ActionsFile() =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryRoot(), "infra", "deploy-role-actions.json")));

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "TikTimer.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("repository root not found");
    }
}
