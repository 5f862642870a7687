using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using TikTimer.EndToEnd.Tests.Infrastructure;
using TikTimer.Testing;

namespace TikTimer.EndToEnd.Tests;

/// <summary>
/// `./build.sh` for real on the local environment, as a user runs it: the whole chain from
/// source to a verified deployment, then its two failure paths against that deployment. The
/// tests run in order because each one starts from the deployment the previous one left.
/// </summary>
[TestFixture]
[Category("EndToEnd")]
[NonParallelizable]
public sealed class WholeChainTests
{
    private static readonly string[] ChainTasks = ["Validate", "BuildImage", "PushToEcr", "MigrateViaEcs", "Deploy", "SmokeTest", "Default"];
    private static readonly string[] SchemaTables = ["users", "social_accounts", "posts", "schema_migrations"];

    private readonly List<BuildRun> runs = [];
    private string repositoryRoot = "";
    private string registryPassword = "";
    private LocalRegistry? registry;
    private ScratchDatabase? database;
    private IsolatedBuild? build;
    private BuildRun? wholeChain;
    private ServiceContainer? firstDeployment;

    [OneTimeSetUp]
    public async Task RequireTheLocalEnvironment()
    {
        repositoryRoot = RepositoryRoot.Find();
        const string setup = "Run scripts/setup-local.sh once per machine (see the README's quick start).";
        Prerequisite.Require(await DockerEngine.IsReachableAsync(), "The Docker engine", setup);
        var passwordFile = LocalRegistry.PasswordFile;
        Prerequisite.Require(
            File.Exists(passwordFile) && new FileInfo(passwordFile).Length > 0,
            $"The local registry's password file {passwordFile} ({LocalRegistry.PasswordFileVariable} to use another)",
            setup + " It starts the registry on 127.0.0.1:5000 and writes the password there.");
        Prerequisite.Require(
            await ScratchDatabase.IsReachableAsync(),
            $"PostgreSQL ({ScratchDatabase.ServerVariable} or {ScratchDatabase.DescribeServer()})",
            setup);

        registryPassword = (await File.ReadAllTextAsync(passwordFile)).Trim();
        registry = new LocalRegistry(registryPassword);
        await RemoveIsolatedDeploymentAsync(); // what an interrupted earlier run left behind
        database = await ScratchDatabase.CreateAsync("tiktimer_e2e");
        build = new IsolatedBuild(repositoryRoot, database.Url, passwordFile);
    }

    [OneTimeTearDown]
    public async Task RemoveEverythingTheRunsCreated()
    {
        try
        {
            if (registry is not null)
            {
                await RemoveIsolatedDeploymentAsync();
            }
        }
        finally
        {
            if (database is not null)
            {
                await database.DropAsync();
            }

            registry?.Dispose();
        }
    }

    [Test]
    [Order(1)]
    public async Task The_whole_chain_runs_every_task_and_exits_0()
    {
        wholeChain = await Build.RunAsync("./build.sh (the whole chain)");
        runs.Add(wholeChain);

        Assert.Multiple(() =>
        {
            Assert.That(wholeChain.ExitCode, Is.Zero, () => wholeChain.Tail());
            foreach (var task in ChainTasks)
            {
                Assert.That(wholeChain.StatusOf(task), Is.EqualTo("Succeeded"), () => $"{task} in the summary. {wholeChain.Tail()}");
            }
        });
        firstDeployment = await DockerEngine.ServingContainerAsync();
    }

    [Test]
    [Order(2)]
    public async Task The_migration_created_the_schema_in_the_scratch_database()
    {
        RequireEarlier(wholeChain);

        foreach (var table in SchemaTables)
        {
            Assert.That(await Database.ScalarAsync<bool>("SELECT to_regclass($1) IS NOT NULL", $"public.{table}"), Is.True, $"table {table}");
        }

        Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM schema_migrations"), Is.EqualTo(3));
    }

    [Test]
    [Order(3)]
    public async Task The_deployed_service_answers_health_200_healthy_on_the_port_the_smoke_test_used()
    {
        RequireEarlier(firstDeployment);

        var health = await HealthCheck.GetAsync(firstDeployment!.Port);

        Assert.Multiple(() =>
        {
            Assert.That(IsolatedBuild.Ports, Does.Contain(firstDeployment.Port));
            Assert.That(wholeChain!.Output, Does.Contain($"Smoke test passed for http://127.0.0.1:{firstDeployment.Port}/"));
            Assert.That(health.Status, Is.EqualTo(HttpStatusCode.OK), health.Body);
            Assert.That(StatusField(health.Body), Is.EqualTo("healthy"), health.Body);
        });
    }

    [Test]
    [Order(4)]
    public async Task The_printed_image_digest_is_the_digest_the_registry_holds_under_the_tag()
    {
        RequireEarlier(wholeChain);
        var pushed = wholeChain!.PushedImage;
        var built = wholeChain.BuiltReference;
        Assert.That(pushed, Does.StartWith($"{LocalRegistry.Address}/{IsolatedBuild.Repository}@sha256:"), () => wholeChain.Tail());
        Assert.That(built, Does.StartWith($"{IsolatedBuild.Repository}:"), () => wholeChain.Tail());
        var tag = built![(built.IndexOf(':', StringComparison.Ordinal) + 1)..];

        var digest = await Registry.ManifestDigestAsync(IsolatedBuild.Repository, tag);

        Assert.That(digest, Is.EqualTo(pushed![(pushed.IndexOf('@', StringComparison.Ordinal) + 1)..]));
    }

    [Test]
    [Order(5)]
    public async Task A_broken_migration_fails_MigrateViaEcs_and_the_deploy_never_starts()
    {
        RequireEarlier(firstDeployment);
        var containersBefore = (await DockerEngine.ServiceContainersAsync()).Select(c => c.Id).ToList();
        var checksum = await Database.ScalarAsync<string>("SELECT checksum FROM schema_migrations WHERE version = 1");
        await Database.ExecuteAsync("UPDATE schema_migrations SET checksum = 'tampered' WHERE version = 1");
        BuildRun broken;
        try
        {
            broken = await Build.RunAsync("./build.sh with an applied migration's checksum tampered");
            runs.Add(broken);
        }
        finally
        {
            await Database.ExecuteAsync("UPDATE schema_migrations SET checksum = $1 WHERE version = 1", checksum);
        }

        var containersAfter = (await DockerEngine.ServiceContainersAsync()).Select(c => c.Id).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(broken.ExitCode, Is.EqualTo(1), () => broken.Tail());
            Assert.That(broken.StatusOf("MigrateViaEcs"), Is.EqualTo("Failed"), () => broken.Tail());
            Assert.That(broken.StatusOf("Deploy"), Is.Null, () => $"Deploy must not run. {broken.Tail()}");
            Assert.That(broken.Output, Does.Not.Contain("Deployed:"));
            Assert.That(broken.Output, Does.Match(@"Error: MigrateViaEcs: migration task tiktimer-migrate-[0-9a-f]+ .*failed: the migration exited with code 1"));
            Assert.That(broken.Output, Does.Match(@"Last \d+ log line\(s\):\s*\n(\s+\|.*\n)*\s+\|.*checksum mismatch"));
            Assert.That(containersAfter.Except(containersBefore), Is.Empty, "no new service container may start");
        });
    }

    [Test]
    [Order(6)]
    public async Task After_the_broken_migration_the_previous_version_still_answers_health()
    {
        RequireEarlier(firstDeployment);

        var serving = await DockerEngine.ServingContainerAsync();
        var health = await HealthCheck.GetAsync(firstDeployment!.Port);

        Assert.Multiple(() =>
        {
            Assert.That(serving.Id, Is.EqualTo(firstDeployment.Id));
            Assert.That(health.Status, Is.EqualTo(HttpStatusCode.OK), health.Body);
        });
    }

    [Test]
    [Order(7)]
    public async Task A_new_image_whose_health_fails_is_rolled_back_to_the_previous_revision()
    {
        RequireEarlier(firstDeployment);
        var dockerfile = Path.Combine(repositoryRoot, "tests", "TikTimer.EndToEnd.Tests", "Images", "Unhealthy.Dockerfile");

        var unhealthy = await Build.RunAsync(
            "./build.sh with an image that never becomes healthy",
            $"--dockerfile={dockerfile}",
            $"--image-tag=e2e-unhealthy-{Guid.NewGuid():N}");
        runs.Add(unhealthy);

        Assert.Multiple(() =>
        {
            Assert.That(unhealthy.ExitCode, Is.EqualTo(1), () => unhealthy.Tail());
            Assert.That(unhealthy.StatusOf("MigrateViaEcs"), Is.EqualTo("Succeeded"), () => unhealthy.Tail());
            Assert.That(unhealthy.StatusOf("Deploy"), Is.EqualTo("Failed"), () => unhealthy.Tail());
            Assert.That(unhealthy.StatusOf("SmokeTest"), Is.Null, () => unhealthy.Tail());
            Assert.That(unhealthy.Output, Does.Contain($"Rolling {IsolatedBuild.Service} back to {firstDeployment!.Name}."));
            Assert.That(unhealthy.Output, Does.Contain($"rolled back; the previous revision {firstDeployment.Name} is serving again."));
        });
    }

    [Test]
    [Order(8)]
    public async Task After_the_rollback_the_same_container_answers_health_200_on_its_port()
    {
        RequireEarlier(firstDeployment);

        var serving = await DockerEngine.ServingContainerAsync();
        var health = await HealthCheck.GetAsync(firstDeployment!.Port);

        Assert.Multiple(() =>
        {
            Assert.That(serving.Id, Is.EqualTo(firstDeployment.Id));
            Assert.That(serving.Port, Is.EqualTo(firstDeployment.Port));
            Assert.That(health.Status, Is.EqualTo(HttpStatusCode.OK), health.Body);
            Assert.That(StatusField(health.Body), Is.EqualTo("healthy"), health.Body);
        });
    }

    [Test]
    [Order(9)]
    public async Task SmokeTest_alone_passes_against_the_running_deployment()
    {
        RequireEarlier(firstDeployment);

        var smoke = await Build.RunAsync("./build.sh --target=SmokeTest --exclusive", "--target=SmokeTest", "--exclusive");
        runs.Add(smoke);

        Assert.Multiple(() =>
        {
            Assert.That(smoke.ExitCode, Is.Zero, () => smoke.Tail());
            Assert.That(smoke.StatusOf("SmokeTest"), Is.EqualTo("Succeeded"), () => smoke.Tail());
            Assert.That(smoke.StatusOf("BuildImage"), Is.Null, () => smoke.Tail());
            Assert.That(smoke.Output, Does.Contain($"Smoke test passed for http://127.0.0.1:{firstDeployment!.Port}/"));
        });
    }

    [Test]
    [Order(10)]
    public void No_run_printed_the_registry_password_or_the_database_url()
    {
        Assume.That(runs, Is.Not.Empty, "no run of ./build.sh finished");

        Assert.Multiple(() =>
        {
            foreach (var run in runs)
            {
                Assert.That(run.Output, Does.Not.Contain(registryPassword), $"{run.Description} printed the registry password");
                Assert.That(run.Output, Does.Not.Contain(Database.Url), $"{run.Description} printed the database URL");
                Assert.That(run.Output, Does.Not.Contain($":{Database.Password}@"), $"{run.Description} printed the database password");
            }
        });
    }

    private IsolatedBuild Build => build ?? throw new InvalidOperationException("OneTimeSetUp did not finish.");

    private ScratchDatabase Database => database ?? throw new InvalidOperationException("OneTimeSetUp did not finish.");

    private LocalRegistry Registry => registry ?? throw new InvalidOperationException("OneTimeSetUp did not finish.");

    private static void RequireEarlier(object? result) =>
        Assume.That(result, Is.Not.Null, "needs the deployment of The_whole_chain_runs_every_task_and_exits_0, which did not succeed");

    private static string? StatusField(string body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            return json.RootElement.TryGetProperty("status", out var status) ? status.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private async Task RemoveIsolatedDeploymentAsync()
    {
        await DockerEngine.RemoveIsolatedDeploymentAsync();
        await Registry.DeleteRepositoryContentAsync(IsolatedBuild.Repository);
    }
}
