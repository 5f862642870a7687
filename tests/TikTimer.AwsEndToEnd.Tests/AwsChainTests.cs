using System.Diagnostics;
using System.Text.Json;
using Npgsql;
using TikTimer.AwsEndToEnd.Tests.Infrastructure;
using TikTimer.Delivery.Aws;
using TikTimer.Delivery.Aws.Ecs;
using TikTimer.EndToEnd.Tests.Infrastructure;
using TikTimer.Testing;

namespace TikTimer.AwsEndToEnd.Tests;

/// <summary>
/// The whole chain on the aws code path, as a team that adopts infra/ runs it: an empty
/// emulator, `terraform apply` of infra/, then `./build.sh --environment=emulator
/// --terraform-dir=...`, and the failure paths against the deployment the first run made.
/// Each result is checked in the emulator (ECS, the load balancer) and the database, not
/// only in the output. The tests run in order: each starts from what the one before left.
/// </summary>
[TestFixture]
[Category("EndToEnd")]
[Category("AwsEndToEnd")]
[NonParallelizable]
public sealed class AwsChainTests
{
    private static readonly string[] ChainTasks = ["Validate", "BuildImage", "PushToEcr", "MigrateViaEcs", "Deploy", "SmokeTest", "Default"];

    private readonly List<BuildRun> runs = [];
    private readonly string environment = $"e2e{Guid.NewGuid():N}"[..9];

    // The first run's tag; every later run builds under a tag of its own, because a rebuild of
    // the same source is not yet byte-identical (org.opencontainers.image.created) and the
    // repository's tags are immutable.
    private readonly string imageTag = $"e2e-{Guid.NewGuid():N}";
    private string repositoryRoot = "";
    private AwsEmulator? emulator;
    private ScratchDatabase? database;
    private Terraform? terraform;
    private AwsBuild? build;
    private AwsClients? aws;
    private JsonElement outputs;
    private ChildProcessResult? apply;
    private string? firstRevision;
    private string? firstImage;
    private string? secondImage;
    private string? secondVersion;
    private int deliveries;
    private string? otherImage;

    private string Cluster => outputs.GetProperty("ecs_cluster_name").GetProperty("value").GetString()!;

    private string Service => outputs.GetProperty("ecs_service_names").GetProperty("value")[0].GetString()!;

    private string MigrationFamily => outputs.GetProperty("migration_task_family").GetProperty("value").GetString()!;

    private Uri LoadBalancer => new($"http://{outputs.GetProperty("alb_dns_name").GetProperty("value").GetString()}/");

    private AwsBuild Build => build ?? throw new InvalidOperationException("OneTimeSetUp did not finish.");

    [OneTimeSetUp]
    public async Task ApplyInfraToAnEmptyEmulator()
    {
        repositoryRoot = RepositoryRoot.Find();
        const string setup = "Run scripts/setup-local.sh once per machine (see the README's quick start).";
        Prerequisite.Require(await DockerIsReachableAsync(), "The Docker engine", setup);
        Prerequisite.Require(
            await ScratchDatabase.IsReachableAsync(),
            $"PostgreSQL ({ScratchDatabase.ServerVariable} or {ScratchDatabase.DescribeServer()})",
            setup);

        terraform = Terraform.CopyOfInfra(repositoryRoot);
        emulator = await AwsEmulator.StartAsync(repositoryRoot);
        aws = emulator.Clients();
        database = await ScratchDatabase.CreateAsync("tiktimer_aws_e2e");

        var init = await terraform.RunAsync(emulator.ClientEnvironment(), "init", "-input=false", "-no-color");
        Assert.That(init.ExitCode, Is.Zero, init.Output);
        apply = await terraform.RunAsync(
            new Dictionary<string, string?>(emulator.ClientEnvironment()) { ["TF_VAR_database_url"] = database.Url },
            "apply", "-auto-approve", "-input=false", "-no-color",
            $"-var=region={AwsEmulator.Region}",
            $"-var=environment={environment}",
            "-var=desired_count=1",
            "-var=github_repository=tiktimer/delivery",
            // TikTimer.Api's image migrates with `migrate` (examples/ and the default: alembic upgrade head).
            """-var=migration_command=["migrate"]""");
        Assert.That(apply.ExitCode, Is.Zero, apply.Output);
        outputs = await terraform.OutputsAsync();
        build = new AwsBuild(repositoryRoot, emulator, terraform);
    }

    [OneTimeTearDown]
    public async Task RemoveEverythingTheRunsCreated()
    {
        try
        {
            if (emulator is not null)
            {
                var instance = emulator.Instance;
                await emulator.DisposeAsync();
                Assert.That(await LeftoverContainersAsync(instance), Is.Empty, "the emulator left containers behind");
            }

            await RemoveLocalImagesAsync($"tiktimer-{environment}");
        }
        finally
        {
            aws?.Dispose();
            terraform?.Dispose();
            if (database is not null)
            {
                await database.DropAsync();
            }
        }
    }

    [Test]
    [Order(1)]
    public void Terraform_apply_of_infra_gives_the_outputs_the_suite_reads()
    {
        Assert.Multiple(() =>
        {
            Assert.That(MigrationFamily, Is.EqualTo($"TikTimer-{environment}-migration"));
            Assert.That(Cluster, Is.EqualTo($"TikTimer-{environment}-cluster"));
            Assert.That(outputs.GetProperty("ecr_repository_url").GetProperty("value").GetString(), Does.StartWith(emulator!.Registry + "/"));
            Assert.That(outputs.GetProperty("app_subnet_ids").GetProperty("value").GetArrayLength(), Is.GreaterThan(0));
            Assert.That(outputs.GetProperty("app_security_group_id").GetProperty("value").GetString(), Does.StartWith("sg-"));
            Assert.That(outputs.GetProperty("deploy_role_arn").GetProperty("value").GetString(), Does.EndWith($":role/TikTimer-{environment}-deploy"));
        });
    }

    [Test]
    [Order(1)]
    public async Task Plan_after_terraform_apply_shows_the_image_line_of_each_revision_and_registers_nothing()
    {
        var serving = (await DescribeServiceAsync()).TaskDefinition!;
        var serviceFamily = (await aws!.Ecs.DescribeTaskDefinitionAsync(new DescribeTaskDefinitionRequest(serving))).TaskDefinition.Family!;
        var before = await RevisionCountsAsync(serviceFamily);

        // Not through RunAsync: the first chain run must keep the fixture's first tag.
        var run = await Build.RunAsync("./build.sh --target=Plan after terraform apply", "--target=Plan");
        runs.Add(run);

        Assert.That(run.ExitCode, Is.Zero, run.Tail());
        Assert.Multiple(async () =>
        {
            Assert.That(run.Output, Does.Contain("image: to be built and pushed: " + emulator!.Registry), run.Tail());
            Assert.That(run.Output, Does.Contain($"service {Service}: would register {serviceFamily}:2 (now {serviceFamily}:1)"), run.Tail());
            Assert.That(run.Output, Does.Contain($"migration {MigrationFamily}: would register {MigrationFamily}:2 (now {MigrationFamily}:1)"), run.Tail());
            Assert.That(DiffLines(run.Output), Has.Some.Match(@"^-\s+""image"": ""[^""]+:bootstrap"""), "Terraform's image on the - line");
            Assert.That(DiffLines(run.Output), Has.Some.Match(@"^\+\s+""image"": ""[^""]+@sha256:\(known after push\)"""), "the image to push on the + line");
            Assert.That(DiffLines(run.Output), Has.Count.EqualTo(4), "only the image line of each revision changes:\n" + string.Join('\n', DiffLines(run.Output)));
            Assert.That(run.Output, Does.Contain("pending migrations: not listed on aws"));
            Assert.That(run.Output, Does.Contain("Plan made none"));
            Assert.That(await RevisionCountsAsync(serviceFamily), Is.EqualTo(before), "no revision was registered");
            Assert.That((await DescribeServiceAsync()).TaskDefinition, Is.EqualTo(serving), "the service was not touched");
            foreach (var desired in new[] { "RUNNING", "STOPPED" })
            {
                var tasks = await aws.Ecs.ListTasksAsync(new ListTasksRequest(Cluster) { Family = MigrationFamily, DesiredStatus = desired });
                Assert.That(tasks.TaskArns, Is.Empty, $"no migration task was started ({desired})");
            }
        });
    }

    [Test]
    [Order(2)]
    public async Task The_whole_chain_runs_green_and_the_service_serves_the_new_revision()
    {
        var run = await RunAsync("./build.sh --environment=emulator (the whole chain)");

        Assert.That(run.ExitCode, Is.Zero, run.Tail());
        Assert.Multiple(() =>
        {
            foreach (var task in ChainTasks)
            {
                Assert.That(run.StatusOf(task), Is.EqualTo("Succeeded"), $"{task}\n{run.Tail()}");
            }

            // The migration's own log lines, read from CloudWatch Logs while it ran.
            Assert.That(run.Output, Does.Contain("Applied 0001_users"));
            Assert.That(run.PushedImage, Does.StartWith(emulator!.Registry + "/"), "pushed to the repositoryUri ECR reported");
        });

        var service = await DescribeServiceAsync();
        var definition = await aws!.Ecs.DescribeTaskDefinitionAsync(new DescribeTaskDefinitionRequest(service.TaskDefinition!));
        firstRevision = service.TaskDefinition;
        firstImage = run.PushedImage;
        var (record, recordRevision) = await LatestServiceDeploymentAsync();
        Assert.Multiple(async () =>
        {
            Assert.That(run.Output, Does.Contain("ECS keeps a service-deployment record of each rollout here: judging by it"), run.Tail());
            Assert.That(run.Output, Does.Match(@"is SUCCESSFUL; deployment ecs-svc/\d+ is stable"), "judged by the record and the service");
            Assert.That(record.Status, Is.EqualTo("SUCCESSFUL"));
            Assert.That(recordRevision, Is.EqualTo(service.TaskDefinition), "the record's target revision is the one deployed");
            Assert.That(definition.TaskDefinition.Revision, Is.EqualTo(2), "Terraform registered 1, the deploy 2");
            Assert.That(definition.TaskDefinition.Container("tiktimer-api")!.Image, Is.EqualTo(run.PushedImage));
            Assert.That(service.Deployments, Has.Count.EqualTo(1));
            Assert.That(service.Deployments[0].RolloutState, Is.EqualTo("COMPLETED"));
            Assert.That(await TableCountAsync(), Is.EqualTo(4), "users, social_accounts, posts, schema_migrations");
            Assert.That(await HealthAsync(), Is.EqualTo(200), "GET /health through the load balancer");
        });
    }

    [Test]
    [Order(3)]
    public async Task A_rerun_without_changes_pushes_registers_and_rolls_out_nothing()
    {
        RequireFirstDeployment();
        var run = await RunAsync("./build.sh again (no change)", $"--image-tag={imageTag}");

        Assert.That(run.ExitCode, Is.Zero, run.Tail());
        var service = await DescribeServiceAsync();
        var latest = await aws!.Ecs.DescribeTaskDefinitionAsync(new DescribeTaskDefinitionRequest(MigrationFamily));
        Assert.Multiple(() =>
        {
            Assert.That(run.Output, Does.Contain("already holds this image"), "push skipped");
            Assert.That(run.Output, Does.Contain("; using it."), "registration skipped");
            Assert.That(run.Output, Does.Not.Contain("Registered "), run.Tail());
            Assert.That(latest.TaskDefinition.Revision, Is.EqualTo(2), "no new migration revision");
            Assert.That(service.TaskDefinition, Is.EqualTo(firstRevision));
            Assert.That(service.Deployments, Has.Count.EqualTo(1), "no new deployment");
        });
    }

    [Test]
    [Order(4)]
    public async Task A_migration_that_exits_non_zero_blocks_the_deploy()
    {
        RequireFirstDeployment();
        var checksum = await database!.ScalarAsync<string>("SELECT checksum FROM schema_migrations WHERE version = 1");
        await database.ExecuteAsync("UPDATE schema_migrations SET checksum = 'tampered' WHERE version = 1");
        BuildRun run;
        try
        {
            run = await RunAsync("./build.sh with a failing migration");
        }
        finally
        {
            await database.ExecuteAsync("UPDATE schema_migrations SET checksum = $1 WHERE version = 1", checksum);
        }

        var service = await DescribeServiceAsync();
        Assert.Multiple(async () =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(1), run.Tail());
            Assert.That(run.StatusOf("MigrateViaEcs"), Is.EqualTo("Failed"), run.Tail());
            Assert.That(run.StatusOf("Deploy"), Is.Null, "Deploy never ran");
            Assert.That(run.Output, Does.Contain("exited with code"), run.Tail());
            Assert.That(run.Output, Does.Contain("checksum").IgnoreCase, "the migration's own log lines explain it");
            Assert.That(service.TaskDefinition, Is.EqualTo(firstRevision), "the service was not touched");
            Assert.That(service.Deployments, Has.Count.EqualTo(1));
            Assert.That(await HealthAsync(), Is.EqualTo(200));
        });
    }

    [Test]
    [Order(5)]
    public async Task A_migration_past_its_timeout_is_stopped_and_blocks_the_deploy()
    {
        RequireFirstDeployment();
        BuildRun run;
        await using (await LockMigrationsTableAsync())
        {
            // The migration step alone, of the image already deployed: nothing to build or push.
            run = await RunAsync("./build.sh --target=MigrateViaEcs with a migration that hangs", "--target=MigrateViaEcs", "--exclusive", $"--image={firstImage}", "--migration-timeout=8s");
        }

        var stopped = await WaitForStoppedAsync(await LastMigrationTaskAsync());
        Assert.Multiple(async () =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(1), run.Tail());
            Assert.That(run.StatusOf("MigrateViaEcs"), Is.EqualTo("Failed"), run.Tail());
            Assert.That(run.Output, Does.Contain("did not finish within 8 s and was asked to stop"), run.Tail());
            Assert.That(stopped.LastStatus, Is.EqualTo("STOPPED"), "the task was stopped");
            Assert.That(stopped.StopCode, Is.EqualTo("UserInitiated"));
            Assert.That(stopped.StoppedReason, Does.Contain("timed out"));
            Assert.That((await DescribeServiceAsync()).TaskDefinition, Is.EqualTo(firstRevision));
        });
    }

    [Test]
    [Order(6)]
    public async Task Ctrl_C_during_the_migration_stops_the_task()
    {
        RequireFirstDeployment();
        BuildRun run;
        await using (await LockMigrationsTableAsync())
        {
            run = await Build.RunAndInterruptAsync("./build.sh interrupted during the migration", "): RUNNING (", "--target=MigrateViaEcs", "--exclusive", $"--image={firstImage}");
            runs.Add(run);
        }

        var stopped = await WaitForStoppedAsync(await LastMigrationTaskAsync());
        Assert.Multiple(async () =>
        {
            Assert.That(run.ExitCode, Is.Not.Zero, run.Tail());
            Assert.That(stopped.LastStatus, Is.EqualTo("STOPPED"));
            Assert.That(stopped.StoppedReason, Does.Contain("cancelled"));
            Assert.That((await DescribeServiceAsync()).TaskDefinition, Is.EqualTo(firstRevision));
        });
    }

    [Test]
    [Order(7)]
    public async Task A_circuit_breaker_failure_exits_1_and_reports_the_rollback()
    {
        RequireFirstDeployment();
        var run = await RunAsync(
            "./build.sh with an image whose tasks never get healthy",
            "--dockerfile=tests/TikTimer.EndToEnd.Tests/Images/Unhealthy.Dockerfile",
            $"--image-tag=e2e-unhealthy-{Guid.NewGuid():N}");

        var service = await WaitForStableAsync();
        var (record, _) = await LatestServiceDeploymentAsync();
        Assert.Multiple(async () =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(1), run.Tail());
            Assert.That(run.StatusOf("MigrateViaEcs"), Is.EqualTo("Succeeded"), run.Tail());
            Assert.That(run.StatusOf("Deploy"), Is.EqualTo("Failed"), run.Tail());
            Assert.That(run.Output, Does.Match(@"service deployment \S+ is ROLLBACK_\w+ \(.*circuit breaker TRIGGERED: 3 of 3 failed task\(s\).*rollback: Circuit breaker"), run.Tail());
            Assert.That(record.Status, Is.EqualTo("ROLLBACK_SUCCESSFUL"), "ECS's record of the failed rollout");
            Assert.That(record.DeploymentCircuitBreaker, Is.EqualTo(new ServiceDeploymentCircuitBreaker { Status = "TRIGGERED", FailureCount = 3, Threshold = 3 }));
            Assert.That(await TaskDefinitionOfRevisionAsync(record.Rollback?.ServiceRevisionArn), Is.EqualTo(firstRevision), "ECS rolled back to the revision that served");
            Assert.That(run.Output, Does.Contain("rolled back"), run.Tail());
            Assert.That(service.TaskDefinition, Is.EqualTo(firstRevision), "back on the revision that served");
            Assert.That(await HealthAsync(), Is.EqualTo(200), "serving again through the load balancer");
        });
    }

    [Test]
    [Order(8)]
    public async Task A_failed_smoke_test_rolls_the_rollout_back()
    {
        RequireFirstDeployment();
        var run = await RunAsync(
            "./build.sh with a smoke check that fails",
            $"--image-tag=e2e-smoke-{Guid.NewGuid():N}",
            $"--build-args=APP_VERSION=smoke-{Guid.NewGuid():N}",
            "--smoke-checks=/no-such-page=200",
            "--smoke-timeout=3s");
        otherImage = run.PushedImage;

        var service = await WaitForStableAsync();
        Assert.Multiple(async () =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(1), run.Tail());
            Assert.That(run.StatusOf("Deploy"), Is.EqualTo("Succeeded"), run.Tail());
            Assert.That(run.StatusOf("SmokeTest"), Is.EqualTo("Failed"), run.Tail());
            Assert.That(run.Output, Does.Contain("rolled back"), run.Tail());
            Assert.That(service.TaskDefinition, Is.EqualTo(firstRevision), "the rollout of this run was undone");
            Assert.That(await HealthAsync(), Is.EqualTo(200));
        });
    }

    [Test]
    [Order(9)]
    public async Task After_a_second_delivery_Status_names_the_serving_revision_its_digest_and_the_last_migration_task()
    {
        RequireFirstDeployment();
        secondVersion = $"second-{Guid.NewGuid():N}"[..20];
        var delivery = await RunAsync("./build.sh of a second image", $"--image-tag={secondVersion}");
        Assert.That(delivery.ExitCode, Is.Zero, delivery.Tail());
        secondImage = delivery.PushedImage;
        Assert.That(secondImage, Is.Not.EqualTo(firstImage), "a second image");

        var run = await Build.RunAsync("./build.sh --target=Status", "--target=Status");
        runs.Add(run);

        var service = await DescribeServiceAsync();
        var migration = await LastMigrationTaskAsync();
        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.Zero, run.Tail());
            Assert.That(service.TaskDefinition, Is.Not.EqualTo(firstRevision), "the second delivery registered a revision");
            Assert.That(run.Output, Does.Contain($"{Service}: revision {service.TaskDefinition}, 1/1 running"), run.Tail());
            Assert.That(run.Output, Does.Contain($"image {secondImage}"), run.Tail());
            Assert.That(run.Output, Does.Contain("serves the image of the last successful delivery"), run.Tail());
            Assert.That(run.Output, Does.Contain($"migration {MigrationFamily}: last task {migration.TaskArn} STOPPED, exit code 0"), run.Tail());
        });
    }

    [Test]
    [Order(10)]
    public async Task Rollback_returns_the_service_to_the_previous_image_waits_until_stable_and_smoke_tests_it()
    {
        RequireFirstDeployment();
        if (secondImage is null)
        {
            Assert.Inconclusive("The second delivery did not happen (see the test before).");
        }

        var run = await Build.RunAsync("./build.sh --target=Rollback", "--target=Rollback");
        runs.Add(run);

        var service = await WaitForStableAsync();
        var now = (await aws!.Ecs.DescribeTaskDefinitionAsync(new DescribeTaskDefinitionRequest(service.TaskDefinition!))).TaskDefinition;
        var previous = (await aws.Ecs.DescribeTaskDefinitionAsync(new DescribeTaskDefinitionRequest(firstRevision!))).TaskDefinition;
        Assert.Multiple(async () =>
        {
            Assert.That(run.ExitCode, Is.Zero, run.Tail());
            Assert.That(run.Output, Does.Contain($"rolling {Service} to {firstImage}"), run.Tail());
            Assert.That(run.Output, Does.Contain("does not run migrations backwards"), run.Tail());
            Assert.That(run.Output, Does.Contain($"serve {firstImage} again, stable and smoke-tested"), run.Tail());
            Assert.That(now.Container("tiktimer-api")!.Image, Is.EqualTo(firstImage), "the service runs the previous image again");
            Assert.That(Comparable(now), Is.EqualTo(Comparable(previous)), "the same definition as the revision that served before");
            Assert.That(service.Deployments, Has.Count.EqualTo(1));
            Assert.That(service.Deployments[0].RolloutState, Is.EqualTo("COMPLETED"));
            Assert.That(service.Deployments[0].TaskDefinition, Is.EqualTo(service.TaskDefinition));
            Assert.That(await HealthAsync(), Is.EqualTo(200), "serving again through the load balancer");
            Assert.That(await VersionAsync(), Is.EqualTo(imageTag), "the previous version answers");
        });
    }

    [Test]
    [Order(11)]
    public async Task Without_the_service_deployment_operations_Deploy_judges_by_the_services_deployments()
    {
        RequireFirstDeployment();
        Assume.That(otherImage, Is.Not.Null, "the smoke-test run pushed no second image");
        await emulator!.ServeServiceDeploymentsAsync("moto");
        BuildRun run;
        try
        {
            run = await RunAsync("./build.sh --target=Deploy with ECS service deployments answered as plain moto does", "--target=Deploy", "--exclusive", $"--image={otherImage}");
        }
        finally
        {
            await emulator.ServeServiceDeploymentsAsync("on");
        }

        var service = await DescribeServiceAsync();
        var definition = await aws!.Ecs.DescribeTaskDefinitionAsync(new DescribeTaskDefinitionRequest(service.TaskDefinition!));
        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.Zero, run.Tail());
            Assert.That(run.Output, Does.Contain("ECS service deployments are not available: the ECS endpoint answered ListServiceDeployments with HTTP 500"), run.Tail());
            Assert.That(Occurrences(run.Output, "ECS service deployments are not available"), Is.EqualTo(1), "said once");
            Assert.That(run.Output, Does.Not.Contain("service-deployment record of each rollout here"));
            Assert.That(run.Output, Does.Not.Contain("retrying in"), "the HTML 500 is not retried");
            Assert.That(run.Output, Does.Match(@"deployment ecs-svc/\d+ is stable with 1 task\(s\) running"), "judged by deployments[]");
            Assert.That(definition.TaskDefinition.Container("tiktimer-api")!.Image, Is.EqualTo(otherImage));
        });
    }

    [Test]
    [Order(12)]
    public async Task A_rollout_replaced_by_a_newer_deployment_is_reported_as_replaced_and_not_rolled_back()
    {
        RequireFirstDeployment();
        var before = (await DescribeServiceAsync()).TaskDefinition;
        Assume.That(before, Is.Not.EqualTo(firstRevision), "the service must serve a revision other than the first (the test before)");

        // Someone else's release (another pipeline, a console click) arrives while ours rolls out: the first revision again.
        var run = await Build.RunAndActAsync(
            "./build.sh --target=Deploy replaced by another UpdateService while it rolls out",
            "Updated ECS service",
            _ => aws!.Ecs.UpdateServiceAsync(new UpdateServiceRequest(Cluster, Service) { TaskDefinition = firstRevision }),
            "--target=Deploy", "--exclusive", $"--image={firstImage}");
        runs.Add(run);

        var service = await WaitForStableAsync();
        var records = await aws!.Ecs.ListServiceDeploymentsAsync(new ListServiceDeploymentsRequest(Service) { Cluster = Cluster });
        var ours = records.ServiceDeployments.OrderByDescending(r => r.CreatedAt).Skip(1).First();
        Assert.Multiple(async () =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(1), run.Tail());
            Assert.That(run.StatusOf("Deploy"), Is.EqualTo("Failed"), run.Tail());
            Assert.That(run.Output, Does.Contain("another deployment replaced ours: service deployment"), run.Tail());
            Assert.That(run.Output, Does.Contain("Nothing was rolled back"), run.Tail());
            Assert.That(run.Output, Does.Not.Contain("Rolling ECS service"), "no rollback was started");
            Assert.That(service.TaskDefinition, Is.EqualTo(firstRevision), "the other release serves, untouched");
            Assert.That(ours.Status, Is.EqualTo("STOPPED"), "ECS stopped our record");
            Assert.That(await TaskDefinitionOfRevisionAsync(ours.TargetServiceRevisionArn), Is.Not.EqualTo(firstRevision).And.Not.EqualTo(before), "ours was a revision of its own");
            Assert.That(await HealthAsync(), Is.EqualTo(200));
        });
    }

    [Test]
    [Order(13)]
    public async Task A_role_denied_the_service_deployment_reads_falls_back_and_names_the_actions_to_allow()
    {
        RequireFirstDeployment();
        Assume.That(otherImage, Is.Not.Null, "the smoke-test run pushed no second image");
        Assume.That((await DescribeServiceAsync()).TaskDefinition, Is.EqualTo(firstRevision), "the test before leaves the first revision serving");
        await emulator!.ServeServiceDeploymentsAsync("AccessDeniedException");
        BuildRun run;
        try
        {
            run = await RunAsync("./build.sh --target=Deploy with the service-deployment reads denied", "--target=Deploy", "--exclusive", $"--image={otherImage}");
        }
        finally
        {
            await emulator.ServeServiceDeploymentsAsync("on");
        }

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.Zero, run.Tail());
            Assert.That(run.Output, Does.Contain(
                "ECS service deployments are not available: the credentials may not call ecs:ListServiceDeployments (AccessDeniedException); "
                + "allow ecs:ListServiceDeployments, ecs:DescribeServiceDeployments, ecs:DescribeServiceRevisions"), run.Tail());
            Assert.That(run.Output, Does.Match(@"deployment ecs-svc/\d+ is stable with 1 task\(s\) running"), "judged by deployments[]");
        });
    }

    [Test]
    [Order(20)]
    public void No_run_printed_the_database_url_or_its_password()
    {
        Assert.That(runs, Is.Not.Empty, "no run happened");
        Assert.Multiple(() =>
        {
            foreach (var run in runs)
            {
                Assert.That(run.Output, Does.Not.Contain(database!.Password), run.Description);
                Assert.That(run.Output, Does.Not.Contain(database.Url), run.Description);
            }

            Assert.That(apply!.Output, Does.Not.Contain(database!.Password), "terraform apply");
        });
    }

    private async Task<BuildRun> RunAsync(string description, params string[] arguments)
    {
        var tag = deliveries++ == 0 ? imageTag : $"e2e-{deliveries}-{Guid.NewGuid():N}";
        string[] tagged = arguments.Any(a => a.StartsWith("--image-tag=", StringComparison.Ordinal) || a.StartsWith("--image=", StringComparison.Ordinal))
            ? arguments
            : [$"--image-tag={tag}", .. arguments];
        var run = await Build.RunAsync(description, tagged);
        runs.Add(run);
        return run;
    }

    private void RequireFirstDeployment()
    {
        if (firstRevision is null || firstImage is null)
        {
            Assert.Inconclusive("The whole chain did not deploy (see the test before); nothing to start from.");
        }
    }

    private async Task<Service> DescribeServiceAsync()
    {
        var response = await aws!.Ecs.DescribeServicesAsync(new DescribeServicesRequest(Cluster, [Service]));
        return response.Services.Single();
    }

    // The suite reports a rollback once it is verified; the drained deployment may still be listed for a moment.
    private async Task<Service> WaitForStableAsync()
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            var service = await DescribeServiceAsync();
            if ((service.Deployments.Count == 1 && service.Deployments[0].RolloutState == "COMPLETED") || waited.Elapsed > TimeSpan.FromSeconds(60))
            {
                return service;
            }

            await Task.Delay(500);
        }
    }

    /// <summary>ECS's newest service-deployment record of the service, and its target revision's task definition.</summary>
    private async Task<(ServiceDeployment Record, string? TaskDefinition)> LatestServiceDeploymentAsync()
    {
        var listed = await aws!.Ecs.ListServiceDeploymentsAsync(new ListServiceDeploymentsRequest(Service) { Cluster = Cluster });
        var latest = listed.ServiceDeployments.OrderByDescending(r => r.CreatedAt).First();
        var described = await aws.Ecs.DescribeServiceDeploymentsAsync(new DescribeServiceDeploymentsRequest([latest.ServiceDeploymentArn!]));
        return (described.ServiceDeployments.Single(), await TaskDefinitionOfRevisionAsync(latest.TargetServiceRevisionArn));
    }

    private async Task<string?> TaskDefinitionOfRevisionAsync(string? revisionArn)
    {
        if (revisionArn is null)
        {
            return null;
        }

        var described = await aws!.Ecs.DescribeServiceRevisionsAsync(new DescribeServiceRevisionsRequest([revisionArn]));
        return described.ServiceRevisions.SingleOrDefault()?.TaskDefinition;
    }

    private static int Occurrences(string text, string part)
    {
        var count = 0;
        for (var at = text.IndexOf(part, StringComparison.Ordinal); at >= 0; at = text.IndexOf(part, at + part.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    private async Task<EcsTask> LastMigrationTaskAsync()
    {
        var listed = await aws!.Ecs.ListTasksAsync(new ListTasksRequest(Cluster) { Family = MigrationFamily, DesiredStatus = "STOPPED" });
        Assert.That(listed.TaskArns, Is.Not.Empty, "no stopped migration task");
        var described = await aws.Ecs.DescribeTasksAsync(new DescribeTasksRequest(Cluster, listed.TaskArns));
        return described.Tasks.OrderByDescending(t => t.CreatedAt).First();
    }

    private async Task<EcsTask> WaitForStoppedAsync(EcsTask task)
    {
        var waited = Stopwatch.StartNew();
        while (task.LastStatus != "STOPPED" && waited.Elapsed < TimeSpan.FromSeconds(60))
        {
            await Task.Delay(500);
            task = (await aws!.Ecs.DescribeTasksAsync(new DescribeTasksRequest(Cluster, [task.TaskArn!]))).Tasks.Single();
        }

        return task;
    }

    private async Task<(int? Service, int? Migration)> RevisionCountsAsync(string serviceFamily) =>
        ((await aws!.Ecs.DescribeTaskDefinitionAsync(new DescribeTaskDefinitionRequest(serviceFamily))).TaskDefinition.Revision,
         (await aws.Ecs.DescribeTaskDefinitionAsync(new DescribeTaskDefinitionRequest(MigrationFamily))).TaskDefinition.Revision);

    /// <summary>The - and + lines of the diffs Plan printed.</summary>
    private static List<string> DiffLines(string output) =>
        [.. output.Split('\n').Select(l => l.TrimStart()).Where(l => l.Length > 1 && l[0] is '-' or '+' && l[1] is ' ')];

    /// <summary>A task definition without what ECS sets when it registers one.</summary>
    private static string Comparable(TaskDefinition definition)
    {
        var json = (System.Text.Json.Nodes.JsonObject)definition.Json.DeepClone();
        foreach (var member in TaskDefinitionRevision.ReadOnlyMembers)
        {
            json.Remove(member);
        }

        return json.ToJsonString();
    }

    private async Task<string?> VersionAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        using var document = JsonDocument.Parse(await http.GetStringAsync(LoadBalancer));
        return document.RootElement.TryGetProperty("version", out var version) ? version.GetString() : null;
    }

    private async Task<int> HealthAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        using var response = await http.GetAsync(new Uri(LoadBalancer, "health"));
        return (int)response.StatusCode;
    }

    private async Task<long> TableCountAsync() =>
        await database!.ScalarAsync<long>(
            "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public' AND table_name IN ('users', 'social_accounts', 'posts', 'schema_migrations')");

    /// <summary>Holds an exclusive lock on the migrations table, so a migration blocks until the lock is released.</summary>
    private async Task<NpgsqlTransactionScope> LockMigrationsTableAsync()
    {
        var connection = new NpgsqlConnection(database!.ConnectionString);
        await connection.OpenAsync();
        var transaction = await connection.BeginTransactionAsync();
        await using (var command = new NpgsqlCommand("LOCK TABLE schema_migrations IN ACCESS EXCLUSIVE MODE", connection, transaction))
        {
            await command.ExecuteNonQueryAsync();
        }

        return new NpgsqlTransactionScope(connection, transaction);
    }

    private static async Task<bool> DockerIsReachableAsync()
    {
        try
        {
            using var docker = Process.Start(new ProcessStartInfo("docker", ["info", "--format", "{{.ServerVersion}}"]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
            await docker.WaitForExitAsync();
            return docker.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }

    private static async Task<string[]> LeftoverContainersAsync(string instance)
    {
        using var docker = Process.Start(new ProcessStartInfo("docker", ["ps", "-aq", "--filter", $"label=tiktimer.emulator={instance}"]) { RedirectStandardOutput = true })!;
        var text = await docker.StandardOutput.ReadToEndAsync();
        await docker.WaitForExitAsync();
        return text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    private static async Task RemoveLocalImagesAsync(string repository)
    {
        using var list = Process.Start(new ProcessStartInfo("docker", ["images", "--format", "{{.Repository}}:{{.Tag}}", repository]) { RedirectStandardOutput = true })!;
        var tags = (await list.StandardOutput.ReadToEndAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        await list.WaitForExitAsync();
        if (tags.Length > 0)
        {
            using var remove = Process.Start(new ProcessStartInfo("docker", ["rmi", "-f", .. tags]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
            await remove.WaitForExitAsync();
        }
    }

    private sealed class NpgsqlTransactionScope(NpgsqlConnection connection, NpgsqlTransaction transaction) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await transaction.RollbackAsync();
            await transaction.DisposeAsync();
            await connection.DisposeAsync();
        }
    }
}
