using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using TikTimer.EndToEnd.Tests.Infrastructure;
using TikTimer.Testing;

namespace TikTimer.EndToEnd.Tests;

/// <summary>
/// Plan and Rollback for real on the local platform, as a user runs them with `./build.sh`: Plan
/// before and after a delivery (nothing built, pushed, started or left behind), then two
/// deliveries and `--target=Rollback`, checked in the Docker engine and over HTTP. An environment
/// of its own (a deploy/&lt;name&gt;.json written for the fixture, so its delivery records are its
/// own), free ports, its own service, repository, migration family and database: it needs no
/// e2e lock and runs beside the other fixtures. Ordered: each test starts from the one before.
/// </summary>
[TestFixture]
[Category("EndToEnd")]
[NonParallelizable]
public sealed class LocalDayTwoTests
{
    private static readonly string[] Schema = ["0001_users", "0002_social_accounts", "0003_posts"];

    private readonly string suffix = Guid.NewGuid().ToString("N")[..8];
    private readonly List<BuildRun> runs = [];
    private string repositoryRoot = "";
    private string environmentFile = "";
    private Isolation isolation = null!;
    private LocalRegistry? registry;
    private ScratchDatabase? database;
    private IsolatedBuild? build;
    private string? firstImage;
    private string? secondImage;

    private string FirstTag => $"day2-a-{suffix}";

    private string SecondTag => $"day2-b-{suffix}";

    private IsolatedBuild Build => build ?? throw new InvalidOperationException("OneTimeSetUp did not finish.");

    [OneTimeSetUp]
    public async Task RequireTheLocalEnvironment()
    {
        repositoryRoot = RepositoryRoot.Find();
        const string setup = "Run scripts/setup-local.sh once per machine (see the README's quick start).";
        Prerequisite.Require(await DockerEngine.IsReachableAsync(), "The Docker engine", setup);
        var passwordFile = LocalRegistry.PasswordFile;
        Prerequisite.Require(File.Exists(passwordFile) && new FileInfo(passwordFile).Length > 0, $"The local registry's password file {passwordFile}", setup);
        Prerequisite.Require(await ScratchDatabase.IsReachableAsync(), $"PostgreSQL ({ScratchDatabase.ServerVariable} or {ScratchDatabase.DescribeServer()})", setup);

        var environment = $"e2e-day2-{suffix}";
        environmentFile = Path.Combine(repositoryRoot, "deploy", $"{environment}.json");
        await File.WriteAllTextAsync(environmentFile, await File.ReadAllTextAsync(Path.Combine(repositoryRoot, "deploy", "local.json")));
        isolation = new Isolation(environment, $"day2-{suffix}", $"tiktimer-day2-{suffix}", $"tiktimer-day2-{suffix}-migration", FreePorts(), false, _ => new Dictionary<string, string>());
        registry = new LocalRegistry((await File.ReadAllTextAsync(passwordFile)).Trim());
        database = await ScratchDatabase.CreateAsync("tiktimer_day2");
        build = new IsolatedBuild(repositoryRoot, database.Url, passwordFile, isolation);
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
            File.Delete(environmentFile);
            foreach (var state in LocalStateFiles())
            {
                File.Delete(state);
            }

            var records = Path.Combine(repositoryRoot, ".artifacts", "deliveries");
            if (Directory.Exists(records))
            {
                foreach (var record in Directory.EnumerateFiles(records, $"*-{isolation.Environment}-*.json"))
                {
                    File.Delete(record);
                }
            }

            if (database is not null)
            {
                await database.DropAsync();
            }

            registry?.Dispose();
        }
    }

    [Test]
    [Order(1)]
    public async Task Plan_before_any_delivery_says_what_would_be_built_and_builds_pushes_and_starts_nothing()
    {
        var before = await FootprintAsync();

        var run = await RunAsync("./build.sh --target=Plan --format=json (nothing delivered yet)", "--target=Plan", "--format=json", "--verbosity=quiet");

        Assert.That(run.ExitCode, Is.Zero, run.Tail());
        using var plan = PlanJson(run);
        var root = plan.RootElement;
        var service = root.GetProperty("revisions").EnumerateArray().Single(r => r.GetProperty("kind").GetString() == "service");
        Assert.Multiple(async () =>
        {
            Assert.That(root.GetProperty("environment").GetString(), Is.EqualTo(isolation.Environment));
            Assert.That(root.GetProperty("image").GetProperty("action").GetString(), Is.EqualTo("build"));
            Assert.That(root.GetProperty("image").GetProperty("reference").GetString(), Is.EqualTo($"{LocalRegistry.Address}/{isolation.Repository}@sha256:(known after push)"));
            Assert.That(root.GetProperty("image").GetProperty("tag").GetString(), Is.EqualTo(FirstTag));
            Assert.That(service.GetProperty("name").GetString(), Is.EqualTo(isolation.Service));
            Assert.That(service.GetProperty("current").ValueKind, Is.EqualTo(JsonValueKind.Null), "nothing serves yet");
            Assert.That(service.GetProperty("changes").GetBoolean(), Is.True);
            Assert.That(root.GetProperty("migrations").GetProperty("listed").GetBoolean(), Is.False, "no image to ask yet");
            Assert.That(root.GetProperty("hasChanges").GetBoolean(), Is.True);
            Assert.That(Setting(root, "database-url"), Is.EqualTo("***"), "secrets masked");
            Assert.That(Setting(root, "services"), Is.EqualTo(isolation.Service));
            Assert.That(await FootprintAsync(), Is.EqualTo(before), "no image, container or registry tag was made");
        });
    }

    [Test]
    [Order(2)]
    public async Task A_first_delivery_serves_the_first_image()
    {
        // A delivery before the schema existed: its migration only lists, so the second delivery applies them all.
        var run = await RunAsync("./build.sh (first image, migration listing only)", $"--image-tag={FirstTag}", "--migration-command=migrate --dry-run");

        Assert.That(run.ExitCode, Is.Zero, run.Tail());
        firstImage = run.PushedImage;
        Assert.That(await ServingImageAsync(), Is.EqualTo(firstImage));
    }

    [Test]
    [Order(3)]
    public async Task Plan_of_the_delivered_image_diffs_the_serving_container_and_lists_the_pending_migrations_leaving_nothing_behind()
    {
        RequireEarlier(firstImage);
        var serving = await DockerEngine.ServingContainerAsync(isolation);
        var before = await FootprintAsync();

        var run = await RunAsync("./build.sh --target=Plan --image=<first>", "--target=Plan", $"--image={firstImage}");

        Assert.Multiple(async () =>
        {
            Assert.That(run.ExitCode, Is.Zero, run.Tail());
            Assert.That(run.Output, Does.Contain($"image: given: {firstImage}"), run.Tail());
            Assert.That(run.Output, Does.Contain($"service {isolation.Service}: would register a new container of {isolation.Service} (now {serving.Name})"), run.Tail());
            var other = isolation.Ports.Single(p => p != serving.Port);
            Assert.That(run.Output, Does.Contain($"-  \"port\": {serving.Port}").And.Contain($"+  \"port\": {other}"), "blue/green: the other port");
            foreach (var migration in Schema)
            {
                Assert.That(run.Output, Does.Contain($"| Would apply {migration}"), run.Tail());
            }

            Assert.That(await FootprintAsync(), Is.EqualTo(before), "the listing container is gone; nothing else was made");
            Assert.That((await DockerEngine.ServingContainerAsync(isolation)).Name, Is.EqualTo(serving.Name), "the same container serves");
            Assert.That(await TableCountAsync(), Is.Zero, "the listing migrated nothing");
        });
    }

    [Test]
    [Order(4)]
    public async Task A_second_delivery_migrates_and_serves_the_second_image()
    {
        RequireEarlier(firstImage);

        var run = await RunAsync("./build.sh (second image)", $"--image-tag={SecondTag}");

        Assert.That(run.ExitCode, Is.Zero, run.Tail());
        secondImage = run.PushedImage;
        Assert.That(secondImage, Is.Not.EqualTo(firstImage));
        Assert.That(await ServingImageAsync(), Is.EqualTo(secondImage));
        Assert.That(await TableCountAsync(), Is.EqualTo(3));
    }

    [Test]
    [Order(5)]
    public async Task Rollback_serves_the_first_image_again_and_warns_of_the_migrations_applied_since()
    {
        RequireEarlier(secondImage);

        var run = await RunAsync("./build.sh --target=Rollback", "--target=Rollback");

        var serving = await DockerEngine.ServingContainerAsync(isolation);
        var health = await HealthCheck.GetAsync(serving.Port);
        Assert.Multiple(async () =>
        {
            Assert.That(run.ExitCode, Is.Zero, run.Tail());
            Assert.That(await ImageOfAsync(serving.Id), Is.EqualTo(firstImage), "the container serving runs the first image");
            Assert.That(health.Status, Is.EqualTo(HttpStatusCode.OK), health.Body);
            Assert.That(await VersionAsync(serving.Port), Is.EqualTo(FirstTag), "the first version answers");
            Assert.That(run.Output, Does.Contain("does not run migrations backwards"), run.Tail());
            foreach (var migration in Schema)
            {
                Assert.That(run.Output, Does.Match($@"Migrations applied since {Escape(firstImage!)} was delivered[\s\S]*{migration}"), run.Tail());
            }

            Assert.That(run.Output, Does.Contain($"serve {firstImage} again, stable and smoke-tested"), run.Tail());
            Assert.That(await TableCountAsync(), Is.EqualTo(3), "the schema stays");
        });
    }

    [Test]
    [Order(6)]
    public void No_run_printed_the_database_url_or_its_password()
    {
        Assert.That(runs, Is.Not.Empty);
        Assert.Multiple(() =>
        {
            foreach (var run in runs)
            {
                Assert.That(run.Output, Does.Not.Contain(database!.Password), run.Description);
            }
        });
    }

    private async Task<BuildRun> RunAsync(string description, params string[] arguments)
    {
        string[] tagged = arguments.Any(a => a.StartsWith("--image-tag=", StringComparison.Ordinal)) || arguments.Contains("--target=Rollback")
            ? arguments
            : [$"--image-tag={FirstTag}", .. arguments];
        var run = await Build.RunAsync(description, tagged);
        runs.Add(run);
        return run;
    }

    /// <summary>What a run could leave behind: the fixture's images, containers and registry tags.</summary>
    private async Task<string> FootprintAsync()
    {
        var images = await DockerAsync("image", "ls", "--format", "{{.ID}} {{.Repository}}:{{.Tag}}", $"{LocalRegistry.Address}/{isolation.Repository}");
        var localImages = await DockerAsync("image", "ls", "--format", "{{.ID}} {{.Repository}}:{{.Tag}}", isolation.Repository);
        var containers = await DockerAsync("ps", "--all", "--format", "{{.ID}} {{.State}}", "--filter", isolation.ServiceContainerLabel);
        var migrations = await DockerAsync("ps", "--all", "--format", "{{.ID}} {{.State}}", "--filter", isolation.MigrationContainerLabel);
        var byImage = await DockerAsync("ps", "--all", "--format", "{{.ID}} {{.Image}}");
        var ofOurs = string.Join('\n', byImage.Split('\n').Where(l => l.Contains(isolation.Repository, StringComparison.Ordinal)));
        var tags = await registry!.ManifestDigestAsync(isolation.Repository, FirstTag);
        return $"images:\n{images}{localImages}\ncontainers:\n{containers}{migrations}{ofOurs}\nregistry {FirstTag}: {tags ?? "none"}";
    }

    private async Task<string?> ServingImageAsync() => await ImageOfAsync((await DockerEngine.ServingContainerAsync(isolation)).Id);

    private static async Task<string> ImageOfAsync(string container) => (await DockerAsync("inspect", "--format", "{{.Config.Image}}", container)).Trim();

    private static async Task<string> DockerAsync(params string[] arguments)
    {
        var result = await ChildProcess.RunAsync("docker", arguments, ".", TimeSpan.FromMinutes(1));
        Assert.That(result.ExitCode, Is.Zero, $"docker {string.Join(' ', arguments)}: {result.Output}");
        return result.Output;
    }

    private async Task<long> TableCountAsync() =>
        await database!.ScalarAsync<long>(
            "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public' AND table_name IN ('users', 'social_accounts', 'posts')");

    private static async Task<string?> VersionAsync(int port)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        using var document = JsonDocument.Parse(await http.GetStringAsync(new Uri($"http://127.0.0.1:{port}/")));
        return document.RootElement.TryGetProperty("version", out var version) ? version.GetString() : null;
    }

    /// <summary>The JSON Plan printed: with --verbosity=quiet, standard output holds only it (after the host's own build line, if any).</summary>
    private static JsonDocument PlanJson(BuildRun run)
    {
        var start = run.Output.IndexOf("\n{", StringComparison.Ordinal) is var at and >= 0 ? at + 1 : run.Output.IndexOf('{', StringComparison.Ordinal);
        var end = run.Output.LastIndexOf('}');
        Assert.That(start >= 0 && end > start, Is.True, run.Tail());
        return JsonDocument.Parse(run.Output[start..(end + 1)]);
    }

    private static string? Setting(JsonElement plan, string key) =>
        plan.GetProperty("settings").EnumerateArray().FirstOrDefault(s => s.GetProperty("key").GetString() == key) is { ValueKind: JsonValueKind.Object } found
            ? found.GetProperty("value").GetString()
            : null;

    /// <summary>
    /// What the local platform keeps beside docker for this fixture's service: the container that passed
    /// the last smoke test (LocalServiceOptions.DefaultStateDirectory) and the delivery lock (DeliveryLockOptions.DefaultDirectory).
    /// </summary>
    private IEnumerable<string> LocalStateFiles()
    {
        var stateHome = Environment.GetEnvironmentVariable("XDG_STATE_HOME") is { Length: > 0 } state
            ? state
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "state");
        yield return Path.Combine(stateHome, "tiktimer", "local", $"tiktimer-{isolation.Service}.verified");
        var locks = Environment.GetEnvironmentVariable("XDG_RUNTIME_DIR") is { Length: > 0 } runtime && Directory.Exists(runtime)
            ? Path.Combine(runtime, "tiktimer", "locks")
            : Path.Combine(Path.GetTempPath(), "tiktimer-locks");
        yield return Path.Combine(locks, $"{isolation.Environment}--{isolation.Service}.lock");
    }

    private static string Escape(string text) => System.Text.RegularExpressions.Regex.Escape(text);

    private static void RequireEarlier(string? fact)
    {
        if (fact is null)
        {
            Assert.Inconclusive("An earlier test of this fixture did not get this far; nothing to start from.");
        }
    }

    private static int[] FreePorts()
    {
        var ports = new HashSet<int>();
        while (ports.Count < 2)
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            ports.Add(((IPEndPoint)listener.LocalEndpoint).Port);
        }

        return [.. ports];
    }
}
