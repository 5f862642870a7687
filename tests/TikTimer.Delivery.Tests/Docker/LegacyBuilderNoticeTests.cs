using TikTimer.Delivery.Docker;

namespace TikTimer.Delivery.Tests.Docker;

public class LegacyBuilderNoticeTests
{
    private static (List<string> Visible, List<string> Hidden) Feed(params string[] lines)
    {
        var visible = new List<string>();
        var hidden = new List<string>();
        var notice = new LegacyBuilderNotice(visible.Add, hidden.Add);
        foreach (var line in lines)
        {
            notice.Line(line);
        }

        return (visible, hidden);
    }

    [Test]
    public void The_buildx_missing_notice_and_its_blank_line_go_to_verbose_and_the_build_output_stays()
    {
        var (visible, hidden) = Feed(
            "DEPRECATED: The legacy builder is deprecated and will be removed in a future release.",
            "            Install the buildx component to build images with BuildKit:",
            "            https://docs.docker.com/go/buildx/",
            "",
            "Sending build context to Docker daemon  111.5MB",
            "");

        Assert.That(hidden, Has.Count.EqualTo(4));
        Assert.That(visible, Is.EqualTo(new[] { "Sending build context to Docker daemon  111.5MB", "" }));
    }

    [Test]
    public void The_BuildKit_disabled_variant_is_hidden_too()
    {
        var (visible, hidden) = Feed(
            "DEPRECATED: The legacy builder is deprecated and will be removed in a future release.",
            "            BuildKit is currently disabled; enable it by removing the DOCKER_BUILDKIT=0",
            "            environment-variable.",
            "",
            "Step 1/3 : FROM scratch");

        Assert.That((visible, hidden.Count), Is.EqualTo((new List<string> { "Step 1/3 : FROM scratch" }, 4)));
    }

    [Test]
    public void A_build_error_on_the_same_stream_is_never_hidden()
    {
        var (visible, hidden) = Feed(
            "DEPRECATED: The legacy builder is deprecated and will be removed in a future release.",
            "unable to prepare context: path \"nope\" not found");

        Assert.That(hidden, Has.Count.EqualTo(1));
        Assert.That(visible, Is.EqualTo(new[] { "unable to prepare context: path \"nope\" not found" }));
    }

    [Test]
    public void Without_the_notice_every_line_passes_including_indented_ones()
    {
        var (visible, hidden) = Feed("Step 2/3 : RUN true", "    ---> Running in 0123", "");

        Assert.That(hidden, Is.Empty);
        Assert.That(visible, Has.Count.EqualTo(3));
    }
}
