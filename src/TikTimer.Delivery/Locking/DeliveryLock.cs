using System.Globalization;
using System.Text.RegularExpressions;
using TikTimer.Delivery.Reporting;

namespace TikTimer.Delivery.Locking;

/// <summary>
/// One delivery of a service at a time on this machine: an exclusive lock on a file per
/// environment and service, held from the first of PushToEcr, MigrateViaEcs, Deploy and SmokeTest to the
/// end of the run. The kernel releases it when the process ends, however it ends (kill -9
/// included), so a crashed run never leaves it taken. Who holds it is in a file beside it.
/// </summary>
/// <remarks>
/// .NET takes <c>FileShare.None</c> on Unix as <c>flock(LOCK_EX | LOCK_NB)</c>: advisory, per open
/// file, released with the descriptor. Only runs of this suite on the same machine (and the same
/// lock directory) see each other; two machines delivering one aws environment are covered by the
/// migration protocol and Deploy's superseded check, and CI against CI by the workflow's concurrency group.
/// </remarks>
public sealed partial class DeliveryLock : IDisposable
{
    private readonly FileStream _stream;
    private readonly string _holderPath;

    private DeliveryLock(FileStream stream, string holderPath, string name)
    {
        _stream = stream;
        _holderPath = holderPath;
        Name = name;
    }

    /// <summary><c>environment/service</c>.</summary>
    public string Name { get; }

    public static async Task<DeliveryLock> AcquireAsync(
        string environment,
        string service,
        string holder,
        DeliveryLockOptions options,
        IDeliveryLog log,
        TimeProvider? time = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(log);
        time ??= TimeProvider.System;
        var name = $"{environment}/{service}";
        Directory.CreateDirectory(options.Directory);
        var path = Path.Combine(options.Directory, $"{Safe(environment)}--{Safe(service)}.lock");
        var holderPath = path + ".holder";
        var started = time.GetTimestamp();
        var lastSaid = started;
        var announced = false;
        while (true)
        {
            if (TryOpen(path) is { } stream)
            {
                var acquired = new DeliveryLock(stream, holderPath, name);
                acquired.WriteHolder(holder);
                if (announced)
                {
                    log.Information($"Took the delivery lock of {name} after waiting {DurationText.Format(time.GetElapsedTime(started))}.");
                }

                return acquired;
            }

            var current = ReadHolder(holderPath);
            var waited = time.GetElapsedTime(started);
            if (waited >= options.Timeout)
            {
                throw new DeliveryException(
                    options.Timeout == TimeSpan.Zero
                        ? $"Another delivery of {name} is running ({current}); this run stops before changing anything. Wait for it to finish, or let this run wait with --lock-timeout=10m."
                        : $"Another delivery of {name} is still running after {DurationText.Format(waited)} ({current}); this run stops before changing anything. Wait for it to finish, or raise --lock-timeout. Lock file: {path}");
            }

            if (!announced || time.GetElapsedTime(lastSaid) >= options.ProgressInterval)
            {
                log.Information($"Waiting for another delivery of {name} to finish ({current}): {DurationText.Format(waited)} of at most {DurationText.Format(options.Timeout)}.");
                announced = true;
                lastSaid = time.GetTimestamp();
            }

            var delay = options.PollInterval < options.Timeout - waited ? options.PollInterval : options.Timeout - waited;
            await Task.Delay(delay, time, cancellationToken).ConfigureAwait(false);
        }
    }

    public void Dispose()
    {
        try
        {
            File.Delete(_holderPath);
        }
        catch (IOException)
        {
        }

        // The lock file stays: deleting it while another run has it open would let a third lock a new file.
        _stream.Dispose();
    }

    private static FileStream? TryOpen(string path)
    {
        try
        {
            return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            return null;
        }
    }

    private void WriteHolder(string holder)
    {
        var temporary = $"{_holderPath}.{Environment.ProcessId}.tmp";
        File.WriteAllText(temporary, holder);
        File.Move(temporary, _holderPath, overwrite: true);
    }

    private static string ReadHolder(string holderPath)
    {
        try
        {
            var text = File.Exists(holderPath) ? File.ReadAllText(holderPath).Trim() : string.Empty;
            return text.Length > 0 ? $"held by {text}" : "holder not known yet";
        }
        catch (IOException)
        {
            return "holder not known yet";
        }
    }

    /// <summary>Who this run is, for a waiting run's message: process, user, machine, start time, what it runs.</summary>
    public static string Describe(string what, DateTimeOffset now) =>
        $"process {Environment.ProcessId.ToString(CultureInfo.InvariantCulture)} of {Environment.UserName}@{Environment.MachineName}, since {now.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)} UTC, {what}";

    private static string Safe(string text) => NotSafe().Replace(text, "_");

    [GeneratedRegex("[^A-Za-z0-9._-]")]
    private static partial Regex NotSafe();
}
