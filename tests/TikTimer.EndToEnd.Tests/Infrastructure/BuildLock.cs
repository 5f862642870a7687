namespace TikTimer.EndToEnd.Tests.Infrastructure;

/// <summary>
/// One `./build.sh` run at a time per checkout across the end-to-end test projects (local and
/// aws run in parallel under `dotnet test TikTimer.sln`): the runs share the checkout's publish
/// directory (.artifacts/publish), which each BuildImage empties and fills. .NET takes an
/// flock(2) lock for FileShare.None, so the lock also holds between processes.
/// </summary>
internal sealed class BuildLock : IDisposable
{
    private readonly FileStream _file;

    private BuildLock(FileStream file) => _file = file;

    public static async Task<BuildLock> AcquireAsync(string repositoryRoot, TimeSpan timeout)
    {
        var path = Path.Combine(repositoryRoot, ".artifacts", "e2e-build.lock");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                return new BuildLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(500);
            }
        }
    }

    public void Dispose() => _file.Dispose();
}
