using TikTimer.EndToEnd.Tests.Infrastructure;

namespace TikTimer.AwsEndToEnd.Tests.Infrastructure;

/// <summary>
/// A copy of the repository in a temporary directory, as a clone would be: the files git
/// sees (tracked and untracked, not ignored), committed in a repository of its own so the
/// image tag is a commit. The build host already built here is copied too, timestamps kept,
/// so build.sh finds it current instead of compiling it again (a cache, as on any laptop).
/// </summary>
internal sealed class RepositoryCopy : IDisposable
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(3);

    private RepositoryCopy(string root) => Root = root;

    public string Root { get; }

    public static async Task<RepositoryCopy> CreateAsync(string repositoryRoot)
    {
        var copy = new RepositoryCopy(Directory.CreateTempSubdirectory("tiktimer-readme-").FullName);
        var listed = await ChildProcess.RunAsync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], repositoryRoot, CommandTimeout);
        Assert.That(listed.ExitCode, Is.Zero, listed.Output);
        var files = listed.Output.Split('\0', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(f => File.Exists(Path.Combine(repositoryRoot, f)))
            .ToList();
        var list = Path.Combine(Path.GetTempPath(), $"tiktimer-readme-files-{Guid.NewGuid():N}");
        await File.WriteAllTextAsync(list, string.Join('\0', files));
        try
        {
            // cp -a keeps the nanosecond timestamps build.sh's fingerprint reads.
            await RunAsync(repositoryRoot, "xargs", "-0", "-a", list, "cp", "-a", "--parents", "-t", copy.Root);
        }
        finally
        {
            File.Delete(list);
        }

        var host = Path.Combine(repositoryRoot, ".artifacts", "build-host");
        if (Directory.Exists(host))
        {
            Directory.CreateDirectory(Path.Combine(copy.Root, ".artifacts"));
            await RunAsync(repositoryRoot, "cp", "-a", host, Path.Combine(copy.Root, ".artifacts"));
        }

        await RunAsync(copy.Root, "git", "init", "-q");
        await RunAsync(copy.Root, "git", "add", "-A");
        await RunAsync(copy.Root, "git", "-c", "user.name=TikTimer tests", "-c", "user.email=tests@tiktimer.invalid", "commit", "-q", "-m", "copy for the README test");
        return copy;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a temporary directory.
        }
        catch (UnauthorizedAccessException)
        {
            // Files a container wrote as another user; the temporary directory goes with the machine.
        }
    }

    private static async Task RunAsync(string directory, string program, params string[] arguments)
    {
        var result = await ChildProcess.RunAsync(program, arguments, directory, CommandTimeout);
        Assert.That(result.ExitCode, Is.Zero, $"{program} {string.Join(' ', arguments)}: {result.Output}");
    }
}
