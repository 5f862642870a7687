using Microsoft.Extensions.Time.Testing;
using TikTimer.Delivery.Images;
using TikTimer.Delivery.Reporting;
using TikTimer.Delivery.Tests.Fakes;

namespace TikTimer.Delivery.Tests.Images;

/// <summary>One BuildImage at a time per publish directory, on real files (the kernel's flock), with a fake clock for the wait.</summary>
public class CheckoutBuildLockTests
{
    private string _checkout = null!;
    private DrivenClock _clock = null!;
    private RecordingDeliveryLog _log = null!;

    [SetUp]
    public void SetUp()
    {
        _checkout = Directory.CreateTempSubdirectory("tiktimer-checkout-").FullName;
        _clock = new DrivenClock();
        _log = new RecordingDeliveryLog();
    }

    [TearDown]
    public void TearDown() => Directory.Delete(_checkout, recursive: true);

    private string Publish => Path.Combine(_checkout, ".artifacts", "publish");

    [Test]
    public async Task A_second_build_in_the_same_checkout_waits_with_progress_until_the_first_ends()
    {
        var first = await CheckoutBuildLock.AcquireAsync(Publish, _log, _clock, CancellationToken.None);
        var second = CheckoutBuildLock.AcquireAsync(Publish, _log, _clock, CancellationToken.None);
        await _clock.DriveAsync(Task.Delay(TimeSpan.FromSeconds(20), _clock));

        Assert.That(second.IsCompleted, Is.False, "it waits while the first builds");
        first.Dispose();
        using var acquired = await _clock.DriveAsync(second, TimeSpan.FromSeconds(5));

        Assert.That(_log.Lines.Count(l => l.Contains("waiting for another run in this checkout to finish building", StringComparison.Ordinal)), Is.EqualTo(2), _log.Text);
    }

    [Test]
    public async Task Builds_into_another_publish_directory_do_not_wait()
    {
        using var first = await CheckoutBuildLock.AcquireAsync(Publish, _log, _clock, CancellationToken.None);

        using var clone = await CheckoutBuildLock.AcquireAsync(Path.Combine(_checkout, "clone", ".artifacts", "publish"), _log, _clock, CancellationToken.None);

        Assert.That(_log.Text, Does.Not.Contain("waiting"));
    }

    [Test]
    public async Task A_build_waiting_past_the_bound_stops_naming_the_directory()
    {
        using var first = await CheckoutBuildLock.AcquireAsync(Publish, _log, _clock, CancellationToken.None);

        var error = Assert.ThrowsAsync<DeliveryException>(() => _clock.DriveAsync(CheckoutBuildLock.AcquireAsync(Publish, _log, _clock, CancellationToken.None)));

        Assert.That(error!.Message, Does.Contain("BuildImage: another run in this checkout").And.Contain(Publish).And.Contain("30m"));
    }
}
