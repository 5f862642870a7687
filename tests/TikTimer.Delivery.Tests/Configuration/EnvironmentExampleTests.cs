using System.Text.Json;
using TikTimer.Delivery.Configuration;

namespace TikTimer.Delivery.Tests.Configuration;

/// <summary>
/// deploy/dev.json.example, copied to deploy/&lt;name&gt;.json as the README says, leaves every
/// value Terraform outputs to the outputs: a placeholder in it would outrank them (the file
/// comes before Terraform) and send Validate, or worse RunTask, to a resource that is not there.
/// </summary>
public sealed class EnvironmentExampleTests
{
    private static string Example => File.ReadAllText(Path.Combine(RepositoryRoot(), "deploy", "dev.json.example"));

    [Test]
    public void The_example_sets_no_key_that_Terraform_outputs()
    {
        using var example = JsonDocument.Parse(Example);
        var keys = example.RootElement.EnumerateObject().Select(p => p.Name).Where(k => k != "//").ToList();

        var fromTerraform = keys.Where(k => SettingCatalog.Find(k) is { TerraformOutputs.Count: > 0 }).ToList();

        Assert.That(keys, Is.Not.Empty);
        Assert.That(fromTerraform, Is.Empty, "these outrank the Terraform outputs: remove them from deploy/dev.json.example");
    }

    [Test]
    public void Copied_beside_infra_s_outputs_every_resource_comes_from_the_outputs()
    {
        using var fixture = new SettingsFixture();
        fixture.WriteFile("deploy/staging.json", Example);
        fixture.WriteFile("tf.json", """
            {
              "region": { "value": "eu-central-1" },
              "ecr_repository_name": { "value": "tiktimer-staging" },
              "ecs_cluster_name": { "value": "TikTimer-staging-cluster" },
              "ecs_service_names": { "value": ["TikTimer-staging-api"] },
              "container_name": { "value": "tiktimer-api" },
              "migration_task_family": { "value": "TikTimer-staging-migration" },
              "app_security_group_id": { "value": "sg-0123456789abcdef0" },
              "app_subnet_ids": { "value": ["subnet-0123456789abcdef0"] },
              "alb_dns_name": { "value": "TikTimer-staging-alb-1.eu-central-1.elb.amazonaws.com" }
            }
            """);
        fixture.Arguments["environment"] = "staging";
        fixture.Arguments["terraform-outputs"] = "tf.json";

        var resolved = fixture.Resolve();

        var notFromTerraform = resolved.Provenance
            .Where(p => p.Key is "region" or "repository" or "cluster" or "services" or "container-name" or "migration-task-family" or "security-groups" or "subnets" or "smoke-base-url")
            .Where(p => !p.Source.StartsWith("terraform output", StringComparison.Ordinal))
            .Select(p => $"{p.Key} from {p.Source}");
        Assert.That(notFromTerraform, Is.Empty);
        Assert.That(resolved.Settings.Cluster, Is.EqualTo("TikTimer-staging-cluster"));
    }

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
