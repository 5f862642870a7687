using System.Diagnostics;

namespace TikTimer.Delivery.Tests.Infrastructure;

/// <summary>
/// A throw-away git repository holding a Dockerfile for a tiny image
/// (<c>FROM scratch</c> + static busybox): builds in about a second, needs no
/// base image and no pull.
/// </summary>
public sealed class TinyImageRepository : IDisposable
{
    public const string BusyboxPath = "/bin/busybox";

    private TinyImageRepository(DirectoryInfo root)
    {
        Root = root.FullName;
    }

    public string Root { get; }

    public string DockerfilePath => Path.Combine(Root, "Dockerfile");

    public static bool CanBuild => File.Exists(BusyboxPath);

    /// <summary>A committed repository; <paramref name="variant"/> makes the image content differ between repositories.</summary>
    public static TinyImageRepository Create(string variant = "a")
    {
        var repository = new TinyImageRepository(Directory.CreateTempSubdirectory("tiktimer-tiny-"));
        File.Copy(BusyboxPath, Path.Combine(repository.Root, "busybox"));
        File.WriteAllText(repository.DockerfilePath, $"""
            FROM scratch
            COPY busybox /bin/busybox
            ARG APP_VERSION=unset
            ENV APP_VERSION=$APP_VERSION
            ENV VARIANT={variant}
            ENTRYPOINT ["/bin/busybox"]
            """);
        repository.Git("init", "--quiet");
        repository.Git("add", "-A");
        repository.Git("-c", "user.name=Test", "-c", "user.email=test@example.invalid", "commit", "--quiet", "-m", "tiny image");
        return repository;
    }

    public string Commit => Git("rev-parse", "HEAD").Trim();

    public void MakeDirty() => File.WriteAllText(Path.Combine(Root, "uncommitted.txt"), "change");

    public void Dispose() => Directory.Delete(Root, recursive: true);

    private string Git(params string[] arguments)
    {
        var startInfo = new ProcessStartInfo("git") { WorkingDirectory = Root, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var process = Process.Start(startInfo)!;
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0 ? output : throw new InvalidOperationException($"git {string.Join(' ', arguments)} failed: {error}");
    }
}
