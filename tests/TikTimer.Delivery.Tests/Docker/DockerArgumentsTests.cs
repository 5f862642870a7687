using TikTimer.Delivery.Docker;

namespace TikTimer.Delivery.Tests.Docker;

public class DockerArgumentsTests
{
    [Test]
    public void A_build_passes_every_setting_as_its_own_argument()
    {
        var settings = new DockerBuildSettings
        {
            File = "/repo/Dockerfile",
            Tags = ["app:abc", "app:latest"],
            BuildArgs = new Dictionary<string, string> { ["APP_VERSION"] = "abc", ["A"] = "1 2" },
            Labels = new Dictionary<string, string> { ["org.opencontainers.image.revision"] = "abc" },
            Platform = "linux/amd64",
            Target = "final",
            CacheFrom = ["app:cache"],
            NoCache = true,
            Pull = true,
        };

        var args = DockerArguments.Build(settings, "/repo/ctx", "/tmp/iid");

        Assert.That(args, Is.EqualTo(new[]
        {
            "build", "--file", "/repo/Dockerfile", "--tag", "app:abc", "--tag", "app:latest",
            "--build-arg", "A=1 2", "--build-arg", "APP_VERSION=abc",
            "--label", "org.opencontainers.image.revision=abc",
            "--platform", "linux/amd64", "--network", "host", "--pull", "--no-cache",
            "--target", "final", "--cache-from", "app:cache", "--iidfile", "/tmp/iid", "/repo/ctx",
        }));
    }

    [Test]
    public void A_build_by_default_uses_host_networking_and_does_not_pull()
    {
        var args = DockerArguments.Build(new DockerBuildSettings(), ".");

        Assert.That(args, Is.EqualTo(new[] { "build", "--network", "host", "." }));
    }

    [Test]
    public void A_login_reads_the_password_from_standard_input()
    {
        Assert.That(DockerArguments.Login("127.0.0.1:5000", "user"), Is.EqualTo(new[] { "login", "--username", "user", "--password-stdin", "127.0.0.1:5000" }));
    }

    [Test]
    public void A_run_names_environment_variables_without_their_values()
    {
        var settings = new DockerRunSettings("app@sha256:abc")
        {
            Name = "migrate-1",
            Detach = true,
            Environment = new Dictionary<string, string> { ["DB_PASSWORD"] = "s3cret-value", ["A"] = "x" },
            Labels = new Dictionary<string, string> { ["tiktimer.role"] = "migration" },
            Command = ["migrate", "--yes"],
        };

        var args = DockerArguments.Run(settings);

        Assert.That(args, Is.EqualTo(new[]
        {
            "run", "--detach", "--name", "migrate-1", "--network", "host", "--env", "A", "--env", "DB_PASSWORD",
            "--label", "tiktimer.role=migration", "app@sha256:abc", "migrate", "--yes",
        }));
    }

    [Test]
    public void Logs_since_an_instant_are_asked_for_in_utc_rfc3339()
    {
        var since = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.FromHours(2)).AddTicks(1234567);

        var args = DockerArguments.Logs("c1", new DockerLogsSettings { Since = since, Follow = true, Timestamps = true });

        Assert.That(args, Is.EqualTo(new[] { "logs", "--since", "2026-01-02T01:04:05.1234567Z", "--follow", "--timestamps", "c1" }));
    }

    [Test]
    public void Ps_filters_by_every_label_and_lists_stopped_containers_too()
    {
        var args = DockerArguments.Ps(new Dictionary<string, string> { ["b"] = "2", ["a"] = "1" });

        Assert.That(args, Is.EqualTo(new[] { "ps", "--no-trunc", "--format", "{{json .}}", "--all", "--filter", "label=a=1", "--filter", "label=b=2" }));
    }

    [Test]
    public void Stop_rounds_the_grace_period_up_to_whole_seconds()
    {
        Assert.That(DockerArguments.Stop("c1", TimeSpan.FromMilliseconds(1500)), Is.EqualTo(new[] { "stop", "-t", "2", "c1" }));
    }

    [Test]
    public void Removing_an_image_by_force_passes_the_force_flag()
    {
        Assert.That(DockerArguments.RemoveImage("sha256:abc", force: true), Is.EqualTo(new[] { "image", "rm", "--force", "sha256:abc" }));
    }
}
