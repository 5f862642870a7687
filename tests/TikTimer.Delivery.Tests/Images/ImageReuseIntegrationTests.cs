using System.Diagnostics;
using System.Text;
using TikTimer.Delivery.Docker;
using TikTimer.Delivery.Images;
using TikTimer.Delivery.Local;
using TikTimer.Delivery.Processes;
using TikTimer.Delivery.Reporting;
using TikTimer.Delivery.Tests.Infrastructure;
using TikTimer.Testing;

namespace TikTimer.Delivery.Tests.Images;

/// <summary>
/// Build once per commit, against a real Docker engine and registry: a re-run from another
/// clone (a fresh CI runner) of a pushed commit takes the registry's image instead of pushing
/// a rebuilt one that differs, and a real clash is explained.
/// </summary>
[Category("Integration")]
public class ImageReuseIntegrationTests
{
    // RUN with the clock, built without cache: two builds of one commit differ, as the apt
    // layers of two CI runners do.
    private const string NotReproducible = """
        FROM scratch
        COPY busybox /bin/busybox
        RUN ["/bin/busybox", "sh", "-c", "/bin/busybox date +%s%N > /built-at"]
        ENTRYPOINT ["/bin/busybox"]
        """;

    private readonly List<string> _images = [];
    private readonly List<string> _directories = [];
    private LocalRegistry _registry = null!;

    [OneTimeSetUp]
    public async Task StartRegistry()
    {
        DockerEngine.Require();
        LocalRegistry.Require();
        Prerequisite.Require(TinyImageRepository.CanBuild, "busybox-static (/bin/busybox)", "Install it: apt-get install busybox-static");
        _registry = await LocalRegistry.StartAsync();
    }

    [OneTimeTearDown]
    public async Task StopRegistry()
    {
        if (_registry is not null)
        {
            await _registry.DisposeAsync();
        }
    }

    [TearDown]
    public async Task CleanUp()
    {
        await DockerEngine.RemoveImagesAsync(_images);
        _images.Clear();
        _directories.ForEach(d => Directory.Delete(d, recursive: true));
        _directories.Clear();
    }

    [Test]
    public async Task A_second_clone_of_a_pushed_commit_reuses_the_registry_image_instead_of_rebuilding()
    {
        var (log, builder, pusher) = Parts();
        using var registry = new LocalImageRegistry(_registry.Options("reuse"));
        var first = Repository("first");
        var pushed = await pusher.PushAsync(ImagePushOptions.From(await BuildAsync(builder, first)), registry);
        var second = Clone(first);
        var options = Options(second);
        var git = await builder.ReadSourceAsync(options);

        var reused = await new ImageReuse(log).FindAsync(registry, git.Commit, BuildRecipe.Of(options));

        Assert.That(git.IsDirty, Is.False);
        Assert.That(reused, Is.Not.Null, log.Text);
        Assert.That(reused!.Digest, Is.EqualTo(pushed.Digest));
        Assert.That(reused.Pushed, Is.False);
        Assert.That(log.Text, Does.Contain("reusing it: no build, no push"));
    }

    [Test]
    public async Task A_tag_whose_revision_label_is_another_commit_is_not_reused()
    {
        var (log, builder, pusher) = Parts();
        using var registry = new LocalImageRegistry(_registry.Options("impostor"));
        var ours = Repository("ours");
        var commit = Git(ours, "rev-parse", "HEAD").Trim();
        var other = Repository("other");
        var impostor = await builder.BuildAsync(Options(other) with { Tag = commit });
        _images.Add(impostor.ImageId);
        await pusher.PushAsync(ImagePushOptions.From(impostor), registry);

        var reused = await new ImageReuse(log).FindAsync(registry, commit, BuildRecipe.Of(Options(ours)));

        Assert.That(reused, Is.Null);
        Assert.That(log.Text, Does.Contain("is not this commit's build").And.Contain(OciLabels.Revision));
    }

    [Test]
    public async Task The_same_commit_built_with_other_build_arguments_is_not_reused_and_its_push_explains_the_clash()
    {
        var (log, builder, pusher) = Parts();
        using var registry = new LocalImageRegistry(_registry.Options("clash"));
        var repository = Repository("clash");
        await pusher.PushAsync(ImagePushOptions.From(await BuildAsync(builder, repository)), registry);
        var changed = Options(repository) with { BuildArgs = new Dictionary<string, string> { ["FLAVOUR"] = "other" } };
        var git = await builder.ReadSourceAsync(changed);

        var reused = await new ImageReuse(log).FindAsync(registry, git.Commit, BuildRecipe.Of(changed));
        var rebuilt = await builder.BuildAsync(changed, git);
        _images.Add(rebuilt.ImageId);
        var error = Assert.ThrowsAsync<DeliveryException>(() => pusher.PushAsync(ImagePushOptions.From(rebuilt), registry));

        Assert.That(reused, Is.Null);
        Assert.That(log.Text, Does.Contain("other build settings"));
        Assert.That(error.Message, Does.Contain($"{registry.Repository}:{git.Commit}").And.Contain("Ways out").And.Contain("--image-tag"));
        Assert.That(error.Message, Does.Not.Contain("Build from a clean checkout"));
    }

    [Test]
    public async Task A_push_that_meets_this_commits_image_pushed_by_a_concurrent_run_uses_it()
    {
        var (log, builder, pusher) = Parts();
        using var registry = new LocalImageRegistry(_registry.Options("race"));
        var first = Repository("race");
        var second = Clone(first);
        var built = await BuildAsync(builder, first);
        var alsoBuilt = await BuildAsync(builder, second);
        var winner = await pusher.PushAsync(ImagePushOptions.From(built), registry);

        var loser = await pusher.PushAsync(ImagePushOptions.From(alsoBuilt), registry);

        Assert.That(alsoBuilt.ImageId, Is.Not.EqualTo(built.ImageId), "the two builds differ, as on two runners");
        Assert.That(loser.Digest, Is.EqualTo(winner.Digest));
        Assert.That(log.Text, Does.Contain("pushed by another run of this commit"));
    }

    [Test]
    public async Task Untracked_files_outside_the_image_inputs_leave_the_tree_clean_and_tracked_changes_do_not()
    {
        var (_, builder, _) = Parts();
        var repository = Repository("dirty", dockerfileDirectory: "app");
        var options = Options(repository);
        File.WriteAllText(Path.Combine(repository, ".env"), "LOCAL=1");
        Directory.CreateDirectory(Path.Combine(repository, ".vscode"));
        File.WriteAllText(Path.Combine(repository, ".vscode", "settings.json"), "{}");

        var outside = await builder.ReadSourceAsync(options);
        File.WriteAllText(Path.Combine(repository, "app", "new-file.txt"), "reaches the image");
        var inside = await builder.ReadSourceAsync(options);
        File.Delete(Path.Combine(repository, "app", "new-file.txt"));
        File.AppendAllText(Path.Combine(repository, "README"), "edited");
        var tracked = await builder.ReadSourceAsync(options);

        Assert.That(outside.IsDirty, Is.False, string.Join(", ", outside.Changes));
        Assert.That(inside.IsDirty, Is.True);
        Assert.That(inside.Changes, Is.EqualTo(new[] { "app/new-file.txt" }));
        Assert.That(tracked.IsDirty, Is.True);
        Assert.That(tracked.Changes, Is.EqualTo(new[] { "README" }));
    }

    private (RecordingDeliveryLog Log, ImageBuilder Builder, ImagePusher Pusher) Parts()
    {
        var log = new RecordingDeliveryLog();
        var runner = new ProcessRunner();
        var docker = new DockerCli(runner, log);
        return (log, new ImageBuilder(docker, runner, log), new ImagePusher(docker, log));
    }

    private async Task<ImageBuildResult> BuildAsync(ImageBuilder builder, string repository)
    {
        var result = await builder.BuildAsync(Options(repository));
        _images.Add(result.ImageId);
        return result;
    }

    private static ImageBuildOptions Options(string repository) => new()
    {
        ImageName = "tiktimer-test/reuse",
        Dockerfile = File.Exists(Path.Combine(repository, "app", "Dockerfile")) ? "app/Dockerfile" : "Dockerfile",
        RepositoryRoot = repository,
        NoCache = true,
    };

    private string Repository(string variant, string dockerfileDirectory = ".")
    {
        var root = Directory.CreateTempSubdirectory("tiktimer-reuse-").FullName;
        _directories.Add(root);
        var app = Path.Combine(root, dockerfileDirectory);
        Directory.CreateDirectory(app);
        File.Copy(TinyImageRepository.BusyboxPath, Path.Combine(app, "busybox"));
        File.WriteAllText(Path.Combine(app, "Dockerfile"), NotReproducible + $"\nENV VARIANT={variant}\n");
        File.WriteAllText(Path.Combine(root, "README"), "tiny");
        Git(root, "init", "--quiet");
        Git(root, "add", "-A");
        Git(root, "-c", "user.name=Test", "-c", "user.email=test@example.invalid", "commit", "--quiet", "-m", "tiny image");
        return root;
    }

    private string Clone(string source)
    {
        var target = Directory.CreateTempSubdirectory("tiktimer-reuse-clone-").FullName;
        _directories.Add(target);
        Git(source, "clone", "--quiet", source, target);
        return target;
    }

    private static string Git(string directory, params string[] arguments)
    {
        var startInfo = new ProcessStartInfo("git") { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
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
