using System.Net;
using System.Text.Json;
using TikTimer.EndToEnd.Tests.Infrastructure;
using TikTimer.Testing;

namespace TikTimer.EndToEnd.Tests;

/// <summary>
/// The FastAPI + Alembic example (examples/fastapi-alembic, deploy/local-fastapi.json) delivered
/// by `./build.sh` through configuration alone: no publish step, its own pytest suite in
/// Validate, `alembic upgrade head` as the migration, PORT to listen on. Then a migration that
/// fails stops the chain before Deploy while the previous version keeps serving. Its own
/// database, ports, service, repository and family: it can run beside <see cref="WholeChainTests"/>.
/// </summary>
[TestFixture]
[Category("EndToEnd")]
[NonParallelizable]
public sealed class FastApiChainTests
{
    private static readonly string[] ChainTasks = ["Validate", "BuildImage", "PushToEcr", "MigrateViaEcs", "Deploy", "SmokeTest", "Default"];
    private static readonly string[] SchemaTables = ["users", "social_accounts", "posts", "alembic_version"];
    private static readonly string TestImage = $"tiktimer-e2e-fastapi-tests:{Guid.NewGuid():N}";

    private static readonly Isolation FastApi = new(
        "local-fastapi",
        "e2e-fastapi",
        "tiktimer-e2e-fastapi",
        "tiktimer-e2e-fastapi-migration",
        [38090, 38091],
        RunsServiceTests: true,
        // The example's pytest suite also migrates scratch databases on this server.
        databaseUrl => new Dictionary<string, string> { ["TEST_DATABASE_URL"] = databaseUrl, ["TEST_IMAGE"] = TestImage });

    private readonly List<BuildRun> runs = [];
    private string registryPassword = "";
    private string? brokenContext;
    private LocalRegistry? registry;
    private ScratchDatabase? database;
    private IsolatedBuild? build;
    private BuildRun? wholeChain;
    private ServiceContainer? firstDeployment;
    private string? firstVersion;

    [OneTimeSetUp]
    public async Task RequireTheLocalEnvironment()
    {
        var repositoryRoot = RepositoryRoot.Find();
        const string setup = "Run scripts/setup-local.sh once per machine (see the README's quick start).";
        Prerequisite.Require(await DockerEngine.IsReachableAsync(), "The Docker engine", setup);
        var passwordFile = LocalRegistry.PasswordFile;
        Prerequisite.Require(
            File.Exists(passwordFile) && new FileInfo(passwordFile).Length > 0,
            $"The local registry's password file {passwordFile} ({LocalRegistry.PasswordFileVariable} to use another)",
            setup);
        Prerequisite.Require(
            await ScratchDatabase.IsReachableAsync(),
            $"PostgreSQL ({ScratchDatabase.ServerVariable} or {ScratchDatabase.DescribeServer()})",
            setup);

        registryPassword = (await File.ReadAllTextAsync(passwordFile)).Trim();
        registry = new LocalRegistry(registryPassword);
        await RemoveIsolatedDeploymentAsync();
        database = await ScratchDatabase.CreateAsync();
        build = new IsolatedBuild(repositoryRoot, database.Url, passwordFile, FastApi);
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

            if (brokenContext is not null)
            {
                Directory.Delete(brokenContext, recursive: true);
            }

            registry?.Dispose();
        }
    }

    [Test]
    [Order(1)]
    public async Task The_whole_chain_runs_the_services_own_tests_and_every_task_and_exits_0()
    {
        wholeChain = await Build.RunAsync("./build.sh --environment=local-fastapi (the whole chain)");
        runs.Add(wholeChain);

        Assert.Multiple(() =>
        {
            Assert.That(wholeChain.ExitCode, Is.Zero, () => wholeChain.Tail());
            foreach (var task in ChainTasks)
            {
                Assert.That(wholeChain.StatusOf(task), Is.EqualTo("Succeeded"), () => $"{task} in the summary. {wholeChain.Tail()}");
            }

            Assert.That(wholeChain.Output, Does.Contain("ok    the service's tests pass (bash examples/fastapi-alembic/run-tests.sh)"));
            Assert.That(wholeChain.Output, Does.Contain("Running upgrade 0002 -> 0003"), "alembic's own log lines are streamed");
            Assert.That(wholeChain.Output, Does.Not.Contain("BuildImage: publishing"), "a service without service-project is not dotnet-published");
        });
        firstDeployment = await DockerEngine.ServingContainerAsync(FastApi);
        firstVersion = wholeChain.BuiltReference?[(wholeChain.BuiltReference.IndexOf(':', StringComparison.Ordinal) + 1)..];
    }

    [Test]
    [Order(2)]
    public async Task Alembic_migrated_the_scratch_database_to_head()
    {
        RequireEarlier(wholeChain);

        foreach (var table in SchemaTables)
        {
            Assert.That(await Database.ScalarAsync<bool>("SELECT to_regclass($1) IS NOT NULL", $"public.{table}"), Is.True, $"table {table}");
        }

        Assert.That(await Database.ScalarAsync<string>("SELECT version_num FROM alembic_version"), Is.EqualTo("0003"));
    }

    [Test]
    [Order(3)]
    public async Task The_deployed_service_is_healthy_and_reports_the_version_built_on_the_port_the_smoke_test_used()
    {
        RequireEarlier(firstDeployment);

        var health = await HealthCheck.GetAsync(firstDeployment!.Port);
        var version = await VersionAsync(firstDeployment.Port);

        Assert.Multiple(() =>
        {
            Assert.That(FastApi.Ports, Does.Contain(firstDeployment.Port));
            Assert.That(wholeChain!.Output, Does.Contain($"Smoke test passed for http://127.0.0.1:{firstDeployment.Port}/"));
            Assert.That(wholeChain.Output, Does.Contain($"The service reports version {firstVersion} at GET / (version)"));
            Assert.That(health.Status, Is.EqualTo(HttpStatusCode.OK), health.Body);
            Assert.That(health.Body, Is.EqualTo("""{"status":"healthy","database":"connected"}"""));
            Assert.That(version, Is.EqualTo(firstVersion));
        });
    }

    [Test]
    [Order(4)]
    public async Task A_failing_migration_stops_the_chain_before_Deploy_and_leaves_the_schema_at_head()
    {
        RequireEarlier(firstDeployment);
        brokenContext = CopyOfTheExampleWithAFailingMigration();
        var containersBefore = (await DockerEngine.ServiceContainersAsync(FastApi)).Select(c => c.Id).ToList();

        var broken = await Build.RunAsync(
            "./build.sh --environment=local-fastapi with a migration that fails",
            $"--build-context={brokenContext}",
            $"--image-tag=e2e-broken-migration-{Guid.NewGuid():N}",
            "--skip-tests");
        runs.Add(broken);

        var containersAfter = (await DockerEngine.ServiceContainersAsync(FastApi)).Select(c => c.Id).ToList();
        Assert.Multiple(async () =>
        {
            Assert.That(broken.ExitCode, Is.EqualTo(1), () => broken.Tail());
            Assert.That(broken.StatusOf("BuildImage"), Is.EqualTo("Succeeded"), () => broken.Tail());
            Assert.That(broken.StatusOf("MigrateViaEcs"), Is.EqualTo("Failed"), () => broken.Tail());
            Assert.That(broken.StatusOf("Deploy"), Is.Null, () => $"Deploy must not run. {broken.Tail()}");
            Assert.That(broken.Output, Does.Match(@"Error: MigrateViaEcs: migration task tiktimer-migrate-[0-9a-f]+ .*failed: the migration exited with code 1"));
            Assert.That(broken.Output, Does.Contain("Running upgrade 0003 -> 0004"));
            Assert.That(broken.Output, Does.Contain("column \"caption\" of relation \"posts\" already exists"));
            Assert.That(containersAfter.Except(containersBefore), Is.Empty, "no new service container may start");
            Assert.That(await Database.ScalarAsync<string>("SELECT version_num FROM alembic_version"), Is.EqualTo("0003"), "the failed revision was rolled back");
        });
    }

    [Test]
    [Order(5)]
    public async Task After_the_failing_migration_the_previous_version_still_serves()
    {
        RequireEarlier(firstDeployment);

        var serving = await DockerEngine.ServingContainerAsync(FastApi);
        var health = await HealthCheck.GetAsync(firstDeployment!.Port);

        Assert.Multiple(async () =>
        {
            Assert.That(serving.Id, Is.EqualTo(firstDeployment.Id));
            Assert.That(health.Status, Is.EqualTo(HttpStatusCode.OK), health.Body);
            Assert.That(await VersionAsync(firstDeployment.Port), Is.EqualTo(firstVersion));
        });
    }

    [Test]
    [Order(6)]
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
        Assume.That(result, Is.Not.Null, "needs the deployment of the whole chain's run, which did not succeed");

    /// <summary>The example as a branch that adds a migration conflicting with the schema: a column 0003 already created.</summary>
    private string CopyOfTheExampleWithAFailingMigration()
    {
        var example = Path.Combine(Build.RepositoryRoot, "examples", "fastapi-alembic");
        var copy = Directory.CreateTempSubdirectory("tiktimer-e2e-fastapi-").FullName;
        foreach (var file in Directory.EnumerateFiles(example, "*", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}__pycache__{Path.DirectorySeparatorChar}", StringComparison.Ordinal)))
        {
            var target = Path.Combine(copy, Path.GetRelativePath(example, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        File.WriteAllText(Path.Combine(copy, "migrations", "versions", "0004_posts_caption_again.py"), """
            "posts.caption again, although 0003 created it: a migration that fails (end-to-end test)."
            from alembic import op

            revision = "0004"
            down_revision = "0003"
            branch_labels = None
            depends_on = None


            def upgrade() -> None:
                op.execute("ALTER TABLE posts ADD COLUMN caption text")


            def downgrade() -> None:
                pass
            """);
        return copy;
    }

    private static async Task<string?> VersionAsync(int port)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        try
        {
            using var json = JsonDocument.Parse(await http.GetStringAsync(new Uri($"http://127.0.0.1:{port}/")));
            return json.RootElement.TryGetProperty("version", out var version) ? version.GetString() : null;
        }
        catch (Exception error) when (error is HttpRequestException or JsonException)
        {
            return null;
        }
    }

    private async Task RemoveIsolatedDeploymentAsync()
    {
        await DockerEngine.RemoveIsolatedDeploymentAsync(FastApi, TestImage);
        await Registry.DeleteRepositoryContentAsync(FastApi.Repository);
    }
}
