using TikTimer.Testing;
using System.Diagnostics;
using TikTimer.Api.Migrations;

namespace TikTimer.Api.Tests.Migrations;

[Category("Integration")]
public class MigrateCommandTests
{
    private ScratchDatabase _database = null!;

    [SetUp]
    public async Task CreateDatabase() => _database = await TestDatabase.CreateAsync();

    [TearDown]
    public async Task DropDatabase()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    [Test]
    public async Task Migrate_prints_one_line_per_applied_migration_and_exits_0()
    {
        var (exitCode, output, _) = await RunAsync([], ("DATABASE_URL", _database.Url));

        Assert.That(exitCode, Is.EqualTo(0));
        Assert.That(output, Does.Contain("Applied 0001_users").And.Contain("Applied 0002_social_accounts").And.Contain("Applied 0003_posts"));
    }

    [Test]
    public async Task Migrate_run_twice_says_there_is_nothing_to_do_the_second_time()
    {
        await RunAsync([], ("DATABASE_URL", _database.Url));

        var (exitCode, output, _) = await RunAsync([], ("DATABASE_URL", _database.Url));

        Assert.That(exitCode, Is.EqualTo(0));
        Assert.That(output, Does.Contain("Nothing to migrate: the database is at version 3."));
    }

    [Test]
    public async Task A_broken_migration_exits_1_with_the_failing_script_and_no_stack_trace()
    {
        var migrations = MigrationCatalog.FromScripts([("0001_good.sql", "CREATE TABLE good (id int);"), ("0002_broken.sql", "SELEC 1;")]);

        var (exitCode, _, error) = await RunAsync([], [("DATABASE_URL", _database.Url)], migrations);

        Assert.That(exitCode, Is.EqualTo(1));
        Assert.That(error, Does.StartWith("migrate failed: Migration 0002_broken failed and was rolled back"));
        Assert.That(error, Does.Not.Contain("   at "));
        Assert.That(await _database.RecordedVersionsAsync(), Is.EqualTo(new[] { 1 }));
    }

    [Test]
    public async Task An_unreachable_database_exits_1_naming_host_and_port_but_not_the_password()
    {
        var port = FreePort.Closed();

        var (exitCode, _, error) = await RunAsync([], ("DATABASE_URL", $"postgres://tiktimer:secret-pw@127.0.0.1:{port}/x"));

        Assert.That(exitCode, Is.EqualTo(1));
        Assert.That(error, Does.Contain($"Cannot connect to database 'x' on 127.0.0.1:{port}"));
        Assert.That(error, Does.Not.Contain("secret-pw"));
    }

    [Test]
    public async Task A_malformed_url_exits_1_without_echoing_it()
    {
        var (exitCode, _, error) = await RunAsync([], ("DATABASE_URL", "postgres://tiktimer:secret-pw@127.0.0.1/x?sslmode=maybe"));

        Assert.That(exitCode, Is.EqualTo(1));
        Assert.That(error, Does.Contain("DATABASE_URL is not a valid PostgreSQL URL"));
        Assert.That(error, Does.Not.Contain("secret-pw"));
    }

    [Test]
    public async Task An_unknown_argument_exits_2_with_the_usage()
    {
        var (exitCode, _, error) = await RunAsync(["--force"], ("DATABASE_URL", _database.Url));

        Assert.That(exitCode, Is.EqualTo(2));
        Assert.That(error, Does.Contain("unknown argument '--force'").And.Contain("Usage:"));
    }

    [Test]
    public async Task Dry_run_lists_what_would_be_applied_and_applies_nothing()
    {
        var (exitCode, output, _) = await RunAsync(["--dry-run"], ("DATABASE_URL", _database.Url));

        Assert.That(exitCode, Is.EqualTo(0));
        Assert.That(output, Does.Contain("Would apply 0003_posts"));
        Assert.That(await _database.TableExistsAsync("users"), Is.False);
    }

    [Test]
    public async Task The_executable_migrates_when_its_first_argument_is_migrate()
    {
        var (exitCode, output, error) = await RunExecutableAsync(["migrate"], ("DATABASE_URL", _database.Url));

        Assert.That(exitCode, Is.EqualTo(0), error);
        Assert.That(output, Does.Contain("Applied 0003_posts"));
        Assert.That(await _database.RecordedVersionsAsync(), Is.EqualTo(new[] { 1, 2, 3 }));
    }

    [Test]
    public async Task The_executable_exits_1_when_migration_fails()
    {
        var (exitCode, _, error) = await RunExecutableAsync(["migrate"], ("DATABASE_URL", $"postgres://u:p@127.0.0.1:{FreePort.Closed()}/x"));

        Assert.That(exitCode, Is.EqualTo(1));
        Assert.That(error, Does.StartWith("migrate failed: Cannot connect"));
    }

    private static Task<(int ExitCode, string Output, string Error)> RunAsync(string[] arguments, params (string Name, string Value)[] variables) =>
        RunAsync(arguments, variables, null);

    private static async Task<(int ExitCode, string Output, string Error)> RunAsync(
        string[] arguments, (string Name, string Value)[] variables, IReadOnlyList<Migration>? migrations)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await MigrateCommand.RunAsync(
            arguments, name => variables.FirstOrDefault(v => v.Name == name).Value, output, error, migrations);
        return (exitCode, output.ToString(), error.ToString());
    }

    /// <summary>Runs the built service the way the container's ENTRYPOINT does, with only the given database settings.</summary>
    private static async Task<(int ExitCode, string Output, string Error)> RunExecutableAsync(
        string[] arguments, params (string Name, string Value)[] variables)
    {
        var assembly = typeof(MigrateCommand).Assembly.Location;
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(assembly);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment.Remove("ConnectionStrings__Default");
        foreach (var (name, value) in variables)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        return (process.ExitCode, await output, await error);
    }
}
