using TikTimer.Delivery.Images;

namespace TikTimer.Delivery.Tests.Images;

public class ImageBuilderTests
{
    private const string Sha = "0123456789abcdef0123456789abcdef01234567";
    private static readonly DateTimeOffset Created = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly GitFacts Git = new(Sha, false, Created, "https://github.com/acme/tiktimer");

    private static ImageBuildOptions Options => new() { ImageName = "tiktimer", Dockerfile = "src/TikTimer.Api/Dockerfile", RepositoryRoot = "/repo" };

    [Test]
    public void The_build_targets_linux_amd64_by_default()
    {
        var settings = ImageBuilder.BuildSettings(Options, Git, new ImageTags(Sha, []), Created);

        Assert.That(settings.Platform, Is.EqualTo("linux/amd64"));
        Assert.That(settings.Network, Is.EqualTo("host"));
        Assert.That(settings.Pull, Is.False);
    }

    [Test]
    public void The_image_carries_the_oci_labels()
    {
        var settings = ImageBuilder.BuildSettings(Options, Git, new ImageTags(Sha, []), Created);

        Assert.That(settings.Labels, Is.EquivalentTo(new Dictionary<string, string>
        {
            [OciLabels.Revision] = Sha,
            [OciLabels.Source] = "https://github.com/acme/tiktimer",
            [OciLabels.Created] = "2026-01-01T12:00:00Z",
            [OciLabels.Version] = Sha,
            [OciLabels.Recipe] = BuildRecipe.Of(Options),
        }));
    }

    [Test]
    public void Every_tag_is_applied_to_the_local_image_name()
    {
        var settings = ImageBuilder.BuildSettings(Options, Git, new ImageTags(Sha, ["latest"]), Created);

        Assert.That(settings.Tags, Is.EqualTo(new[] { $"tiktimer:{Sha}", "tiktimer:latest" }));
    }

    [Test]
    public void The_version_build_argument_carries_the_primary_tag_beside_the_configured_ones()
    {
        var options = Options with { BuildArgs = new Dictionary<string, string> { ["EXTRA"] = "1" } };

        var settings = ImageBuilder.BuildSettings(options, Git, new ImageTags(Sha, []), Created);

        Assert.That(settings.BuildArgs, Is.EquivalentTo(new Dictionary<string, string> { ["EXTRA"] = "1", ["APP_VERSION"] = Sha }));
    }

    [Test]
    public void The_platform_can_be_left_to_the_daemon()
    {
        var settings = ImageBuilder.BuildSettings(Options with { Platform = null }, Git, new ImageTags(Sha, []), Created);

        Assert.That(settings.Platform, Is.Null);
    }

    [Test]
    public void The_service_is_published_self_contained_for_linux_x64()
    {
        var args = ImageBuilder.PublishArguments(Options with { PublishProject = "src/TikTimer.Api" });

        Assert.That(args, Is.EqualTo(new[]
        {
            "publish", "/repo/src/TikTimer.Api", "--configuration", "Release", "--runtime", "linux-x64", "--self-contained",
            "-p:InvariantGlobalization=true", "-p:Deterministic=true", "-p:ContinuousIntegrationBuild=true", "-p:PathMap=/repo=/_/",
            "--output", "/repo/.artifacts/publish",
        }));
    }

    [Test]
    public void The_recipe_changes_with_every_build_setting_that_changes_the_image_and_not_with_the_checkout_path()
    {
        var recipe = BuildRecipe.Of(Options);

        Assert.That(BuildRecipe.Of(Options with { RepositoryRoot = "/elsewhere/clone" }), Is.EqualTo(recipe));
        Assert.That(BuildRecipe.Of(Options with { Dockerfile = "other/Dockerfile" }), Is.Not.EqualTo(recipe));
        Assert.That(BuildRecipe.Of(Options with { BuildArgs = new Dictionary<string, string> { ["A"] = "1" } }), Is.Not.EqualTo(recipe));
        Assert.That(BuildRecipe.Of(Options with { Platform = "linux/arm64" }), Is.Not.EqualTo(recipe));
        Assert.That(BuildRecipe.Of(Options with { Target = "final" }), Is.Not.EqualTo(recipe));
        Assert.That(BuildRecipe.Of(Options with { PublishProject = "src/TikTimer.Api" }), Is.Not.EqualTo(recipe));
    }

    [Test]
    public void A_published_project_is_built_from_its_publish_directory()
    {
        Assert.That((Options with { PublishProject = "src/TikTimer.Api" }).ResolvedContextDirectory, Is.EqualTo("/repo/.artifacts/publish"));
    }

    [Test]
    public void Validation_reports_every_problem_at_once()
    {
        var options = Options with { ImageName = "Bad Name", ExtraTags = ["-x"], RepositoryRoot = "/nonexistent-root" };

        var problems = options.Problems();

        Assert.That(problems, Has.Count.EqualTo(3));
        Assert.That(problems, Has.Some.Contains("image name").And.Some.Contains("dockerfile").And.Some.Contains("extra tag '-x'"));
    }

    [Test]
    public void Publishing_into_the_repository_root_is_refused_because_it_is_emptied_first()
    {
        var root = Directory.CreateTempSubdirectory("tiktimer-opts-");
        try
        {
            File.WriteAllText(Path.Combine(root.FullName, "Dockerfile"), "FROM scratch");
            var options = new ImageBuildOptions { ImageName = "x", Dockerfile = "Dockerfile", RepositoryRoot = root.FullName, PublishProject = ".", PublishDirectory = "." };

            Assert.That(options.Problems(), Has.One.Contains("publish directory"));
        }
        finally
        {
            root.Delete(recursive: true);
        }
    }
}
