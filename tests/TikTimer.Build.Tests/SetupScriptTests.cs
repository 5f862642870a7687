using System.Diagnostics;

namespace TikTimer.Build.Tests;

/// <summary>
/// scripts/setup-local.sh's pure helpers, sourced (which defines the functions
/// and runs nothing) under the script's own set -euo pipefail.
/// </summary>
public class SetupScriptTests
{
    private string _apt = null!;

    [SetUp]
    public void CreateAptDirectory() => _apt = Directory.CreateTempSubdirectory("tiktimer-apt-").FullName;

    [TearDown]
    public void RemoveAptDirectory() => Directory.Delete(_apt, recursive: true);

    [Test]
    public void The_mirror_comes_from_a_deb822_sources_file_when_there_is_no_sources_list()
    {
        Directory.CreateDirectory(Path.Combine(_apt, "sources.list.d"));
        File.WriteAllText(
            Path.Combine(_apt, "sources.list.d", "debian.sources"),
            "Types: deb\nURIs: http://mirror.example/debian\nSuites: bookworm\n\nTypes: deb\nURIs: http://mirror.example/debian-security\nSuites: bookworm-security\n");

        var (exitCode, output) = DebianMirror();

        Assert.That((exitCode, output), Is.EqualTo((0, "http://mirror.example/debian")));
    }

    [Test]
    public void The_mirror_comes_from_a_one_line_sources_list()
    {
        File.WriteAllText(
            Path.Combine(_apt, "sources.list"),
            "deb http://security.debian.org/debian-security bookworm-security main\ndeb http://mirror.example/debian/ bookworm main\n");

        var (exitCode, output) = DebianMirror();

        Assert.That((exitCode, output), Is.EqualTo((0, "http://mirror.example/debian/")));
    }

    [Test]
    public void Without_any_sources_the_mirror_is_the_default_and_the_script_goes_on()
    {
        var (exitCode, output) = DebianMirror();

        Assert.That((exitCode, output), Is.EqualTo((0, "http://deb.debian.org/debian")));
    }

    private (int ExitCode, string Output) DebianMirror()
    {
        var script = Path.Combine(RepositoryRoot.Find(TestContext.CurrentContext.TestDirectory), "scripts", "setup-local.sh");
        var start = new ProcessStartInfo("bash")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[] { "-c", "set -euo pipefail; source \"$1\"; debian_mirror \"$2\"; echo done", "bash", script, _apt })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        process.StandardError.ReadToEnd();
        process.WaitForExit();

        // "done" proves the script was not ended by set -e inside the function.
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        return (process.ExitCode, lines is [var mirror, "done"] ? mirror : output);
    }
}
