using System.Net;
using System.Net.Sockets;
using TikTimer.EndToEnd.Tests.Infrastructure;
using TikTimer.Testing;

namespace TikTimer.EndToEnd.Tests;

/// <summary>
/// Two `./build.sh` runs of one service started together, for real (Docker engine, the local
/// registry, PostgreSQL): the second waits for the delivery lock, finds the first's delivery of
/// the same image serving and migrated, and migrates and rolls out nothing. The service is a tiny
/// busybox image (docker build alone, seconds) under names and ports of this fixture's own.
/// </summary>
[TestFixture]
[Category("EndToEnd")]
[NonParallelizable]
public sealed class ConcurrentRunsTests
{
    private const string ServeScript = """
        #!/bin/sh
        printf '{"version":"%s"}' "$APP_VERSION" > /www/index.html
        echo "serving $APP_VERSION on 127.0.0.1:$PORT"
        exec httpd -f -p "127.0.0.1:$PORT" -h /www
        """;

    private const string Dockerfile = """
        FROM scratch
        COPY busybox /bin/busybox
        RUN ["/bin/busybox", "--install", "-s", "/bin"]
        COPY serve.sh /serve.sh
        COPY health /www/health
        ARG APP_VERSION=dev
        ENV APP_VERSION=$APP_VERSION
        CMD ["/bin/sh", "/serve.sh"]
        """;

    private const string Busybox = "/bin/busybox";
    private const string Skipped = "Not migrating (and Deploy not rolling out): another run delivered";

    private readonly string suffix = Guid.NewGuid().ToString("N")[..8];
    private Isolation isolation = Isolation.CSharpSample;
    private DirectoryInfo? context;
    private ScratchDatabase? database;
    private LocalRegistry? registry;
    private IsolatedBuild? build;

    [OneTimeSetUp]
    public async Task RequireTheLocalEnvironment()
    {
        const string setup = "Run scripts/setup-local.sh once per machine (see the README's quick start).";
        Prerequisite.Require(await DockerEngine.IsReachableAsync(), "The Docker engine", setup);
        Prerequisite.Require(File.Exists(Busybox), "busybox-static (/bin/busybox)", "Install it: apt-get install busybox-static");
        var passwordFile = LocalRegistry.PasswordFile;
        Prerequisite.Require(
            File.Exists(passwordFile) && new FileInfo(passwordFile).Length > 0,
            $"The local registry's password file {passwordFile} ({LocalRegistry.PasswordFileVariable} to use another)",
            setup);
        Prerequisite.Require(
            await ScratchDatabase.IsReachableAsync(),
            $"PostgreSQL ({ScratchDatabase.ServerVariable} or {ScratchDatabase.DescribeServer()})",
            setup);

        isolation = new Isolation(
            "local-fastapi", // a docker-build-only service: service-project is empty there
            $"cc{suffix}",
            $"tiktimer-cc-{suffix}",
            $"tiktimer-cc-{suffix}-migration",
            FreePorts(2),
            false,
            _ => new Dictionary<string, string>())
        { PublishesIntoTheCheckout = false };
        registry = new LocalRegistry((await File.ReadAllTextAsync(passwordFile)).Trim());
        context = Directory.CreateTempSubdirectory("tiktimer-cc-");
        File.Copy(Busybox, Path.Combine(context.FullName, "busybox"));
        await File.WriteAllTextAsync(Path.Combine(context.FullName, "serve.sh"), ServeScript.ReplaceLineEndings("\n") + "\n");
        await File.WriteAllTextAsync(Path.Combine(context.FullName, "health"), """{"status":"healthy"}""");
        await File.WriteAllTextAsync(Path.Combine(context.FullName, "Dockerfile"), Dockerfile);
        database = await ScratchDatabase.CreateAsync("tiktimer_cc");
        build = new IsolatedBuild(RepositoryRoot.Find(), database.Url, passwordFile, isolation);
    }

    [OneTimeTearDown]
    public async Task RemoveEverythingTheRunsCreated()
    {
        try
        {
            if (registry is not null)
            {
                await DockerEngine.RemoveIsolatedDeploymentAsync(isolation);
                await registry.DeleteRepositoryContentAsync(isolation.Repository);
            }
        }
        finally
        {
            context?.Delete(recursive: true);
            if (database is not null)
            {
                await database.DropAsync();
            }

            registry?.Dispose();
        }
    }

    [Test]
    public async Task Two_runs_started_together_start_one_migration_and_leave_the_service_serving()
    {
        var tag = $"cc-{suffix}";
        string[] arguments =
        [
            $"--dockerfile={Path.Combine(context!.FullName, "Dockerfile")}",
            $"--build-context={context.FullName}",
            $"--image-tag={tag}",
            $"--container-name=tiktimer-cc-{suffix}",
            """--migration-command=["/bin/sh","-c","echo migrating; sleep 3; echo migrated"]""",
        ];

        var runs = await Task.WhenAll(
            build!.RunAsync("./build.sh (first of two at once)", arguments),
            build.RunAsync("./build.sh (second of two at once)", arguments));

        var migrations = await DockerEngine.MigrationContainersAsync(isolation);
        var serving = await DockerEngine.ServingContainerAsync(isolation);
        var health = await HealthCheck.GetAsync(serving.Port);
        var all = string.Join("\n\n", runs.Select(r => r.Tail(40)));
        Assert.Multiple(() =>
        {
            Assert.That(runs.Select(r => r.ExitCode), Is.All.Zero, all);
            Assert.That(migrations, Has.Count.EqualTo(1), $"migration containers started: {string.Join(", ", migrations)}\n{all}");
            Assert.That(runs.Count(r => r.Output.Contains(Skipped, StringComparison.Ordinal)), Is.EqualTo(1), all);
            Assert.That(runs.Count(r => r.Output.Contains("Deployed: ", StringComparison.Ordinal)), Is.EqualTo(1), "one rollout");
            Assert.That(runs.Select(r => r.StatusOf("SmokeTest")), Is.All.EqualTo("Succeeded"), "both smoke-test what serves");
            Assert.That(runs.Select(r => r.PushedImage).Distinct().Count(), Is.EqualTo(1), "both delivered one digest");
            Assert.That(health.Status, Is.EqualTo(HttpStatusCode.OK), health.Body);
        });
    }

    private static int[] FreePorts(int count)
    {
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToList();
        try
        {
            listeners.ForEach(l => l.Start());
            return [.. listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port)];
        }
        finally
        {
            listeners.ForEach(l => l.Stop());
        }
    }
}
