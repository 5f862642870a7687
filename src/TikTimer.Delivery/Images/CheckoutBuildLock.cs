using TikTimer.Delivery.Reporting;

namespace TikTimer.Delivery.Images;

/// <summary>
/// One BuildImage at a time per publish directory: the publish empties and fills it, and docker
/// build reads it as the context, so two runs in one checkout would ship each other's half-written
/// files. An flock on a file beside it (released by the kernel when the process ends, kill -9
/// included); a second run waits with progress. Clones have their own directories and never wait.
/// </summary>
public sealed class CheckoutBuildLock : IDisposable
{
    private readonly FileStream _stream;

    private CheckoutBuildLock(FileStream stream) => _stream = stream;

    /// <summary>How long a build waits for another of the same checkout: a publish and a build take minutes.</summary>
    public static TimeSpan Timeout { get; } = TimeSpan.FromMinutes(30);

    public static async Task<CheckoutBuildLock> AcquireAsync(string publishDirectory, IDeliveryLog log, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(log);
        ArgumentNullException.ThrowIfNull(time);
        var path = Path.TrimEndingDirectorySeparator(Path.GetFullPath(publishDirectory)) + ".lock";
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var started = time.GetTimestamp();
        var lastSaid = TimeSpan.MinValue;
        while (true)
        {
            try
            {
                return new CheckoutBuildLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
            }
            catch (IOException)
            {
            }

            var waited = time.GetElapsedTime(started);
            if (waited >= Timeout)
            {
                throw new DeliveryException($"BuildImage: another run in this checkout has been building into {publishDirectory} for {DurationText.Format(waited)}; stopping. Let it finish, or run from a clone of its own. Lock file: {path}");
            }

            if (lastSaid == TimeSpan.MinValue || waited - lastSaid >= TimeSpan.FromSeconds(15))
            {
                log.Information($"BuildImage: waiting for another run in this checkout to finish building into {publishDirectory} ({DurationText.Format(waited)}).");
                lastSaid = waited;
            }

            await Task.Delay(TimeSpan.FromSeconds(1), time, cancellationToken).ConfigureAwait(false);
        }
    }

    public void Dispose() => _stream.Dispose();
}
