using TikTimer.Delivery.Processes;
using TikTimer.Delivery.Validation;

namespace TikTimer.Delivery.Tests.Validation;

/// <summary>The key of what the tests read, over a throw-away git repository.</summary>
public class TestInputsTests
{
    private static readonly string[] Command = ["dotnet", "test", "tests/Api.Tests"];
    private static readonly string[] Sdks = ["10.0.100"];
    private string _root = null!;

    [SetUp]
    public void SetUp()
    {
        _root = Directory.CreateTempSubdirectory("tiktimer-test-inputs-").FullName;
        Git("init", "--quiet");
        Write(".gitignore", "bin/\n");
        Write("src/Api/Health.cs", "class Health { }");
        Write("tests/Api.Tests/HealthTests.cs", "class HealthTests { }");
        Write("Directory.Build.props", "<Project />");
        Git("add", "--all");
    }

    [TearDown]
    public void TearDown() => Directory.Delete(_root, recursive: true);

    private void Write(string path, string text)
    {
        var full = Path.Combine(_root, path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, text);
    }

    private void Git(params string[] arguments) =>
        new ProcessRunner().RunAsync(new ProcessSpec("git", arguments) { WorkingDirectory = _root }).GetAwaiter().GetResult();

    private async Task<string> KeyAsync(IReadOnlyList<string>? sdks = null, params string[] pathspecs)
    {
        var files = await TestInputs.FilesAsync(new ProcessRunner(), _root, pathspecs.Length == 0 ? ["."] : pathspecs, CancellationToken.None);
        return TestInputs.Key(_root, Command, files, sdks ?? Sdks);
    }

    [Test]
    public async Task The_same_inputs_give_the_same_key()
    {
        var first = await KeyAsync();

        Assert.That(await KeyAsync(), Is.EqualTo(first));
    }

    [Test]
    public async Task A_changed_source_file_changes_the_key()
    {
        var before = await KeyAsync();
        Write("src/Api/Health.cs", "class Health { int Status; }");

        Assert.That(await KeyAsync(), Is.Not.EqualTo(before));
    }

    [Test]
    public async Task A_deleted_tracked_file_changes_the_key()
    {
        var before = await KeyAsync();
        File.Delete(Path.Combine(_root, "tests/Api.Tests/HealthTests.cs"));

        Assert.That(await KeyAsync(), Is.Not.EqualTo(before));
    }

    [Test]
    public async Task A_new_untracked_file_changes_the_key_but_an_ignored_one_does_not()
    {
        var before = await KeyAsync();
        Write("bin/Debug/Api.dll", "build output");
        Assert.That(await KeyAsync(), Is.EqualTo(before), "ignored files are not inputs");

        Write("src/Api/Clock.cs", "class Clock { }");
        Assert.That(await KeyAsync(), Is.Not.EqualTo(before));
    }

    [Test]
    public async Task A_changed_props_file_changes_the_key()
    {
        var before = await KeyAsync();
        Write("Directory.Build.props", "<Project><PropertyGroup><Nullable>enable</Nullable></PropertyGroup></Project>");

        Assert.That(await KeyAsync(), Is.Not.EqualTo(before));
    }

    [Test]
    public async Task A_changed_sdk_version_changes_the_key()
    {
        Assert.That(await KeyAsync(["10.0.101"]), Is.Not.EqualTo(await KeyAsync(["10.0.100"])));
    }

    [Test]
    public async Task A_changed_command_changes_the_key()
    {
        var files = await TestInputs.FilesAsync(new ProcessRunner(), _root, ["."], CancellationToken.None);

        Assert.That(
            TestInputs.Key(_root, ["dotnet", "test", "--filter", "A"], files, Sdks),
            Is.Not.EqualTo(TestInputs.Key(_root, ["dotnet", "test", "--filter", "B"], files, Sdks)));
    }

    [Test]
    public async Task A_change_outside_the_configured_inputs_keeps_the_key()
    {
        var before = await KeyAsync(null, "src", "tests");
        Write("README.md", "docs only");
        Assert.That(await KeyAsync(null, "src", "tests"), Is.EqualTo(before));

        Write("tests/Api.Tests/HealthTests.cs", "class HealthTests { void Fails() { } }");
        Assert.That(await KeyAsync(null, "src", "tests"), Is.Not.EqualTo(before));
    }

    [Test]
    public void Only_a_dotnet_command_depends_on_the_sdk()
    {
        Assert.That(TestInputs.RunsDotnet(["dotnet", "test"]), Is.True);
        Assert.That(TestInputs.RunsDotnet(["/usr/share/dotnet/dotnet", "test"]), Is.True);
        Assert.That(TestInputs.RunsDotnet(["bash", "examples/fastapi-alembic/run-tests.sh"]), Is.False);
    }

    [Test]
    public void The_installed_sdks_are_found_beside_dotnet()
    {
        Assert.That(TestInputs.InstalledSdks(), Is.Not.Empty, "this machine has a .NET SDK (it runs these tests)");
    }

    [Test]
    public void Outside_a_git_repository_the_listing_fails_naming_the_way_out()
    {
        var plain = Directory.CreateTempSubdirectory("tiktimer-no-git-").FullName;
        try
        {
            var error = Assert.ThrowsAsync<DeliveryException>(() => TestInputs.FilesAsync(new ProcessRunner(), plain, ["."], CancellationToken.None))!;
            Assert.That(error.Message, Does.Contain("--test-inputs=off"));
        }
        finally
        {
            Directory.Delete(plain, recursive: true);
        }
    }
}
