using TikTimer.Delivery.Records;

namespace TikTimer.Delivery.Tests.Records;

public class DeliveryRecordStoreTests
{
    private string _directory = null!;

    [SetUp]
    public void CreateDirectory() => _directory = Path.Combine(Path.GetTempPath(), "tiktimer-records-" + Guid.NewGuid().ToString("N"));

    [TearDown]
    public void RemoveDirectory()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Test]
    public void Records_read_back_newest_first_per_environment_and_the_last_successful_one_skips_failures()
    {
        var store = new DeliveryRecordStore(_directory);
        store.Write(Record("dev", At(10), succeeded: true, "repo@sha256:aaa"));
        store.Write(Record("dev", At(20), succeeded: false, "repo@sha256:bbb"));
        store.Write(Record("prod", At(30), succeeded: true, "repo@sha256:ccc"));

        var history = store.History("dev");

        Assert.That(history.Select(r => r.Image), Is.EqualTo(new[] { "repo@sha256:bbb", "repo@sha256:aaa" }));
        Assert.That(store.LastSuccessful("dev")!.Image, Is.EqualTo("repo@sha256:aaa"));
        Assert.That(store.LastSuccessful("prod")!.Revisions[0].PreviousRevision, Is.EqualTo("api:1"));
        Assert.That(store.LastSuccessful("staging"), Is.Null);
    }

    [Test]
    public void Two_records_of_the_same_second_are_both_kept()
    {
        var store = new DeliveryRecordStore(_directory);

        var first = store.Write(Record("dev", At(10), succeeded: true, "repo@sha256:aaa"));
        var second = store.Write(Record("dev", At(10), succeeded: true, "repo@sha256:bbb"));

        Assert.That(second, Is.Not.EqualTo(first));
        Assert.That(Path.GetFileName(first), Is.EqualTo("20261201T120010Z-dev-deploy.json"));
        Assert.That(store.History("dev"), Has.Count.EqualTo(2));
    }

    [Test]
    public void A_corrupt_record_is_reported_by_path_instead_of_being_ignored()
    {
        Directory.CreateDirectory(_directory);
        var broken = Path.Combine(_directory, "20261201T000000Z-dev-deploy.json");
        File.WriteAllText(broken, "{ not json");

        var error = Assert.Throws<DeliveryException>(() => new DeliveryRecordStore(_directory).History("dev"));

        Assert.That(error!.Message, Does.Contain(broken));
    }

    [Test]
    public void No_directory_means_no_history()
    {
        Assert.That(new DeliveryRecordStore(_directory).History("dev"), Is.Empty);
    }

    private static DateTimeOffset At(int second) => new(2026, 12, 1, 12, 0, second, TimeSpan.Zero);

    internal static DeliveryRecord Record(string environment, DateTimeOffset at, bool succeeded, string image) => new(
        environment,
        "local",
        "Deploy",
        at.AddMinutes(-1),
        at,
        succeeded,
        image,
        image[(image.IndexOf('@', StringComparison.Ordinal) + 1)..],
        "0123456789abcdef0123456789abcdef01234567",
        "0123456",
        [new RevisionRecord("api", "api:2", "api:1")],
        new MigrationRecord("fam", "task-1", 0, true, []),
        [new RolloutRecord("api", "stable", "stable on api:2")],
        [],
        new SmokeRecord("http://127.0.0.1:1/", succeeded, 1, null),
        [new TaskDurationRecord("Deploy", "succeeded", 1.5)]);
}
