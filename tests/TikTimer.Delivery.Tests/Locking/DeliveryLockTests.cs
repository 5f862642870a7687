using System.Diagnostics;
using Microsoft.Extensions.Time.Testing;
using TikTimer.Delivery.Locking;
using TikTimer.Delivery.Reporting;
using TikTimer.Delivery.Tests.Fakes;

namespace TikTimer.Delivery.Tests.Locking;

/// <summary>The delivery lock on real files (the kernel's flock), with a fake clock for the waits.</summary>
public class DeliveryLockTests
{
    private string _directory = null!;
    private DrivenClock _clock = null!;
    private RecordingDeliveryLog _log = null!;

    [SetUp]
    public void SetUp()
    {
        _directory = Directory.CreateTempSubdirectory("tiktimer-locks-").FullName;
        _clock = new DrivenClock();
        _log = new RecordingDeliveryLog();
    }

    [TearDown]
    public void TearDown() => Directory.Delete(_directory, recursive: true);

    private Task<DeliveryLock> AcquireAsync(TimeSpan timeout, string holder = "run B") =>
        DeliveryLock.AcquireAsync("local", "api", holder, new DeliveryLockOptions { Directory = _directory, Timeout = timeout }, _log, _clock);

    [Test]
    public async Task A_second_run_that_may_not_wait_stops_at_once_naming_the_holder()
    {
        using var first = await AcquireAsync(TimeSpan.Zero, holder: "process 42 of ci@runner, Deploy");

        var error = Assert.ThrowsAsync<DeliveryException>(() => AcquireAsync(TimeSpan.Zero));

        Assert.That(error!.Message, Does.Contain("Another delivery of local/api is running").And.Contain("process 42 of ci@runner, Deploy").And.Contain("--lock-timeout"));
    }

    [Test]
    public async Task A_second_run_waits_with_progress_and_takes_the_lock_when_the_first_ends()
    {
        var first = await AcquireAsync(TimeSpan.Zero, holder: "run A");
        var second = AcquireAsync(TimeSpan.FromMinutes(10));
        await _clock.DriveAsync(Task.Delay(TimeSpan.FromSeconds(40), _clock));

        first.Dispose();
        using var acquired = await _clock.DriveAsync(second, TimeSpan.FromSeconds(5));

        Assert.That(_log.Lines.Count(l => l.Contains("Waiting for another delivery of local/api to finish (held by run A)", StringComparison.Ordinal)), Is.GreaterThanOrEqualTo(3), _log.Text);
        Assert.That(_log.Text, Does.Contain("Took the delivery lock of local/api after waiting"));
    }

    [Test]
    public async Task A_second_run_gives_up_at_its_timeout_naming_the_holder_and_the_setting()
    {
        using var first = await AcquireAsync(TimeSpan.Zero, holder: "run A");

        var error = Assert.ThrowsAsync<DeliveryException>(() => _clock.DriveAsync(AcquireAsync(TimeSpan.FromMinutes(2))));

        Assert.That(error!.Message, Does.Contain("still running after 2m00s").And.Contain("held by run A").And.Contain("--lock-timeout"));
    }

    [Test]
    public async Task Other_services_and_environments_do_not_wait_for_each_other()
    {
        using var first = await AcquireAsync(TimeSpan.Zero);

        using var other = await DeliveryLock.AcquireAsync("local", "worker", "x", new DeliveryLockOptions { Directory = _directory, Timeout = TimeSpan.Zero }, _log, _clock);
        using var dev = await DeliveryLock.AcquireAsync("dev", "api", "x", new DeliveryLockOptions { Directory = _directory, Timeout = TimeSpan.Zero }, _log, _clock);

        Assert.That(other.Name, Is.EqualTo("local/worker"));
        Assert.That(dev.Name, Is.EqualTo("dev/api"));
    }

    [Test]
    public async Task The_kernel_releases_the_lock_of_a_killed_holder()
    {
        var path = Path.Combine(_directory, "local--api.lock");
        using var holder = Process.Start(new ProcessStartInfo("flock", ["-o", path, "sleep", "60"]) { UseShellExecute = false })!;
        await WaitUntilLockedAsync();

        Assert.ThrowsAsync<DeliveryException>(() => AcquireAsync(TimeSpan.Zero), "a process of another program holding the file counts");
        holder.Kill(entireProcessTree: true); // SIGKILL, as kill -9: no chance to clean up
        await holder.WaitForExitAsync();

        using var acquired = await AcquireAsync(TimeSpan.Zero);
        Assert.That(acquired.Name, Is.EqualTo("local/api"));
    }

    // Readiness of a helper process, not timing logic under test.
    private async Task WaitUntilLockedAsync()
    {
        for (var i = 0; i < 100; i++)
        {
            try
            {
                (await AcquireAsync(TimeSpan.Zero)).Dispose();
            }
            catch (DeliveryException)
            {
                return;
            }

            await Task.Delay(50);
        }

        Assert.Fail("flock did not take the lock within 5 s.");
    }
}
