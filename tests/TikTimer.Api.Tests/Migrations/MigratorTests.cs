using TikTimer.Testing;
using Npgsql;
using TikTimer.Api.Migrations;

namespace TikTimer.Api.Tests.Migrations;

[Category("Integration")]
public class MigratorTests
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
    public async Task A_new_database_gets_the_tiktimer_schema_and_every_version_recorded()
    {
        var report = await new Migrator().MigrateAsync(_database.Settings, MigrationCatalog.Embedded());

        Assert.That(report.Applied.Select(m => m.Version), Is.EqualTo(new[] { 1, 2, 3 }));
        Assert.That(await _database.RecordedVersionsAsync(), Is.EqualTo(new[] { 1, 2, 3 }));
        Assert.That(await _database.TableExistsAsync("users"), Is.True);
        Assert.That(await _database.TableExistsAsync("social_accounts"), Is.True);
        Assert.That(await _database.TableExistsAsync("posts"), Is.True);
    }

    [Test]
    public async Task Posts_carry_the_scheduling_fields()
    {
        await new Migrator().MigrateAsync(_database.Settings, MigrationCatalog.Embedded());

        var columns = await _database.ScalarAsync<string[]>(
            "SELECT array_agg(column_name::text) FROM information_schema.columns WHERE table_name = 'posts'");

        Assert.That(columns, Is.SupersetOf(new[] { "scheduled_at", "status", "published_at", "social_account_id", "user_id" }));
    }

    [Test]
    public async Task A_second_run_applies_nothing_and_changes_nothing()
    {
        await new Migrator().MigrateAsync(_database.Settings, MigrationCatalog.Embedded());
        var firstAppliedAt = await _database.ScalarAsync<DateTime>("SELECT max(applied_at) FROM schema_migrations");

        var report = await new Migrator().MigrateAsync(_database.Settings, MigrationCatalog.Embedded());

        Assert.That(report.Applied, Is.Empty);
        Assert.That(report.AlreadyApplied, Has.Count.EqualTo(3));
        Assert.That(await _database.ScalarAsync<DateTime>("SELECT max(applied_at) FROM schema_migrations"), Is.EqualTo(firstAppliedAt));
    }

    [Test]
    public async Task Only_the_new_migrations_of_a_later_build_are_applied()
    {
        await new Migrator().MigrateAsync(_database.Settings, MigrationCatalog.Embedded().Take(2).ToList());

        var report = await new Migrator().MigrateAsync(_database.Settings, MigrationCatalog.Embedded());

        Assert.That(report.Applied.Select(m => m.Id), Is.EqualTo(new[] { "0003_posts" }));
    }

    [Test]
    public async Task Concurrent_runs_apply_each_migration_exactly_once()
    {
        // The slow first script keeps the lock held while the other runs arrive.
        var migrations = MigrationCatalog.FromScripts([
            ("0001_slow.sql", "SELECT pg_sleep(0.5); CREATE TABLE slow (id int);"),
            ("0002_next.sql", "CREATE TABLE next (id int);"),
        ]);

        var reports = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ =>
            Task.Run(() => new Migrator().MigrateAsync(_database.Settings, migrations))));

        Assert.That(reports.Select(r => r.Applied.Count).Order(), Is.EqualTo(new[] { 0, 0, 2 }));
        Assert.That(await _database.RecordedVersionsAsync(), Is.EqualTo(new[] { 1, 2 }));
    }

    [Test]
    public async Task A_run_waits_while_another_holds_the_lock_and_then_migrates()
    {
        await using var holder = new NpgsqlConnection(_database.ConnectionString);
        await holder.OpenAsync();
        await using (var take = new NpgsqlCommand($"SELECT pg_advisory_lock({Migrator.AdvisoryLockKey})", holder))
        {
            await take.ExecuteNonQueryAsync();
        }

        var output = new SignallingWriter("Waiting for the migration lock");
        var run = new Migrator(output: output).MigrateAsync(_database.Settings, MigrationCatalog.Embedded());
        await output.Signalled.WaitAsync(TimeSpan.FromSeconds(20));

        Assert.That(run.IsCompleted, Is.False, "the run should be waiting for the lock");
        Assert.That(await _database.TableExistsAsync("users"), Is.False);

        await using (var release = new NpgsqlCommand($"SELECT pg_advisory_unlock({Migrator.AdvisoryLockKey})", holder))
        {
            await release.ExecuteNonQueryAsync();
        }

        var report = await run.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.That(report.Applied, Has.Count.EqualTo(3));
    }

    [Test]
    public async Task A_run_gives_up_on_the_lock_after_its_lock_timeout()
    {
        await using var holder = new NpgsqlConnection(_database.ConnectionString);
        await holder.OpenAsync();
        await using (var take = new NpgsqlCommand($"SELECT pg_advisory_lock({Migrator.AdvisoryLockKey})", holder))
        {
            await take.ExecuteNonQueryAsync();
        }

        var migrator = new Migrator(new MigratorOptions { LockTimeout = TimeSpan.FromMilliseconds(200) });
        var error = Assert.ThrowsAsync<MigrationException>(() => migrator.MigrateAsync(_database.Settings, MigrationCatalog.Embedded()));

        Assert.That(error!.Message, Does.Contain("waiting for the migration lock"));
    }

    [Test]
    public async Task A_failing_script_is_rolled_back_and_not_recorded_while_earlier_ones_stay()
    {
        var migrations = MigrationCatalog.FromScripts([
            ("0001_good.sql", "CREATE TABLE good (id int);"),
            ("0002_broken.sql", "CREATE TABLE half_done (id int);\nSELEC 1;"),
            ("0003_never.sql", "CREATE TABLE never (id int);"),
        ]);

        var error = Assert.ThrowsAsync<MigrationException>(() => new Migrator().MigrateAsync(_database.Settings, migrations));

        Assert.That(error!.Message, Does.Contain("0002_broken failed and was rolled back").And.Contain("42601").And.Contain("version 1"));
        Assert.That(await _database.RecordedVersionsAsync(), Is.EqualTo(new[] { 1 }));
        Assert.That(await _database.TableExistsAsync("half_done"), Is.False);
        Assert.That(await _database.TableExistsAsync("never"), Is.False);
    }

    [Test]
    public async Task After_a_failed_run_the_fixed_script_is_applied_by_the_next_run()
    {
        var broken = MigrationCatalog.FromScripts([("0001_good.sql", "CREATE TABLE good (id int);"), ("0002_fix.sql", "SELEC 1;")]);
        var fixedSet = MigrationCatalog.FromScripts([("0001_good.sql", "CREATE TABLE good (id int);"), ("0002_fix.sql", "CREATE TABLE fixed (id int);")]);
        Assert.ThrowsAsync<MigrationException>(() => new Migrator().MigrateAsync(_database.Settings, broken));

        var report = await new Migrator().MigrateAsync(_database.Settings, fixedSet);

        Assert.That(report.Applied.Select(m => m.Id), Is.EqualTo(new[] { "0002_fix" }));
    }

    [Test]
    public async Task An_applied_script_that_was_edited_afterwards_is_refused()
    {
        await new Migrator().MigrateAsync(_database.Settings, MigrationCatalog.FromScripts([("0001_a.sql", "CREATE TABLE a (id int);")]));

        var edited = MigrationCatalog.FromScripts([("0001_a.sql", "CREATE TABLE a (id bigint);")]);
        var error = Assert.ThrowsAsync<MigrationException>(() => new Migrator().MigrateAsync(_database.Settings, edited));

        Assert.That(error!.Message, Does.Contain("0001_a").And.Contain("checksum"));
    }

    [Test]
    public async Task An_older_build_accepts_a_database_migrated_by_a_newer_one()
    {
        await new Migrator().MigrateAsync(_database.Settings, MigrationCatalog.Embedded());

        var report = await new Migrator().MigrateAsync(_database.Settings, MigrationCatalog.Embedded().Take(2).ToList());

        Assert.That(report.Applied, Is.Empty);
        Assert.That(report.Unknown, Is.EqualTo(new[] { 3 }));
    }

    [Test]
    public async Task A_dry_run_lists_pending_migrations_and_changes_nothing()
    {
        var pending = await new Migrator().PendingAsync(_database.Settings, MigrationCatalog.Embedded());

        Assert.That(pending, Has.Count.EqualTo(3));
        Assert.That(await _database.TableExistsAsync("schema_migrations"), Is.False);
    }

    /// <summary>Completes a task when a line containing the marker is written.</summary>
    private sealed class SignallingWriter(string marker) : StringWriter
    {
        private readonly TaskCompletionSource _signalled = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Signalled => _signalled.Task;

        public override void WriteLine(string? value)
        {
            base.WriteLine(value);
            if (value?.Contains(marker, StringComparison.Ordinal) == true)
            {
                _signalled.TrySetResult();
            }
        }
    }
}
