using Microsoft.Extensions.Time.Testing;
using TikTimer.Delivery.Migrations;
using TikTimer.Delivery.Reporting;
using TikTimer.Delivery.Tests.Fakes;

namespace TikTimer.Delivery.Tests.Migrations;

/// <summary>
/// The performance requirement of the migration wait: quick tasks are noticed
/// quickly, long waits stay cheap. Measured in describe calls on a fake clock.
/// </summary>
public class MigrationPollingBudgetTests
{
    private static readonly OneOffTaskSpec Spec = new("TikTimer-dev-migration", "tiktimer@sha256:abc");

    [TestCase(0.5)]
    [TestCase(2.3)]
    [TestCase(4.9)]
    public async Task A_migration_that_finishes_within_five_seconds_is_noticed_within_two(double stopsAfter)
    {
        var clock = new DrivenClock();
        var platform = new FakeOneOffTaskPlatform(clock)
            .At(TimeSpan.FromSeconds(0.1), FakeOneOffTaskPlatform.Running)
            .At(TimeSpan.FromSeconds(stopsAfter), FakeOneOffTaskPlatform.Exited(0));

        await clock.DriveAsync(new MigrationRunner(platform, new RecordingDeliveryLog(), timeProvider: clock).RunAsync(Spec));

        Assert.That(platform.FirstSeenStoppedAt - TimeSpan.FromSeconds(stopsAfter), Is.LessThanOrEqualTo(TimeSpan.FromSeconds(2)));
    }

    [Test]
    public void A_ten_minute_wait_makes_at_most_eighty_describe_calls()
    {
        var clock = new DrivenClock();
        var platform = new FakeOneOffTaskPlatform(clock).At(TimeSpan.FromSeconds(1), FakeOneOffTaskPlatform.Running);
        var runner = new MigrationRunner(platform, new RecordingDeliveryLog(), timeProvider: clock);

        Assert.ThrowsAsync<MigrationTimeoutException>(() => clock.DriveAsync(runner.RunAsync(Spec)));

        TestContext.Out.WriteLine($"DescribeTasks calls in a 10-minute wait: {platform.DescribedAt.Count}");
        Assert.That(platform.DescribedAt, Has.Count.LessThanOrEqualTo(80));
        Assert.That(platform.DescribedAt[^1], Is.GreaterThan(TimeSpan.FromMinutes(9.5)));
    }
}
