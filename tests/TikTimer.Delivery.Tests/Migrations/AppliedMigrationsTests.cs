using TikTimer.Delivery.Migrations;

namespace TikTimer.Delivery.Tests.Migrations;

public class AppliedMigrationsTests
{
    [TestCase("Applied 0003_posts (12 ms)", "0003_posts")]
    [TestCase("INFO  [alembic.runtime.migration] Running upgrade 1a2b -> 3c4d, add posts", "3c4d (add posts)")]
    [TestCase("INFO  [alembic.runtime.migration] Running upgrade  -> 1a2b, create users", "1a2b (create users)")]
    public void A_line_that_reports_an_applied_migration_names_it(string line, string expected)
    {
        Assert.That(AppliedMigrations.From(line), Is.EqualTo(expected));
    }

    [TestCase("Would apply 0003_posts")]
    [TestCase("Nothing to migrate: the database is at version 3.")]
    [TestCase("Done: applied 3 migration(s); the database is at version 3.")]
    public void Other_lines_name_none(string line)
    {
        Assert.That(AppliedMigrations.From(line), Is.Null);
    }
}
