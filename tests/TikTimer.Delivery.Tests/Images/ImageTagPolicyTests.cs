using TikTimer.Delivery.Images;

namespace TikTimer.Delivery.Tests.Images;

public class ImageTagPolicyTests
{
    private const string Sha = "0123456789abcdef0123456789abcdef01234567";
    private static readonly DateTimeOffset CommittedAt = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Now = new(2026, 3, 4, 5, 6, 7, TimeSpan.Zero);

    [Test]
    public void A_clean_tree_is_tagged_with_the_full_commit_sha()
    {
        var tags = ImageTagPolicy.Resolve(new GitFacts(Sha, false, CommittedAt, null), Now);

        Assert.That(tags.Primary, Is.EqualTo(Sha));
        Assert.That(tags.Extra, Is.Empty);
    }

    [Test]
    public void A_dirty_tree_is_tagged_with_a_dirty_marker_and_the_build_time_instead_of_the_bare_sha()
    {
        var tags = ImageTagPolicy.Resolve(new GitFacts(Sha, true, CommittedAt, null), Now);

        Assert.That(tags.Primary, Is.EqualTo(Sha + "-dirty-20260304T050607Z"));
        Assert.That(tags.All, Does.Not.Contain(Sha));
        Assert.That(ImageTagPolicy.IsValidTag(tags.Primary), Is.True);
    }

    [Test]
    public void Extra_tags_are_added_once_each()
    {
        var tags = ImageTagPolicy.Resolve(new GitFacts(Sha, false, CommittedAt, null), Now, ["latest", "latest", Sha]);

        Assert.That(tags.All, Is.EqualTo(new[] { Sha, "latest" }));
    }

    [Test]
    public void A_clean_build_records_the_commit_date_so_rebuilds_are_identical()
    {
        Assert.That(ImageTagPolicy.Created(new GitFacts(Sha, false, CommittedAt, null), Now), Is.EqualTo(CommittedAt));
    }

    [Test]
    public void A_dirty_build_records_the_build_time()
    {
        Assert.That(ImageTagPolicy.Created(new GitFacts(Sha, true, CommittedAt, null), Now), Is.EqualTo(Now));
    }

    [TestCase("latest", true)]
    [TestCase("v1.2_3-rc", true)]
    [TestCase("-bad", false)]
    [TestCase(".bad", false)]
    [TestCase("has space", false)]
    [TestCase("a:b", false)]
    public void The_docker_tag_grammar_is_enforced(string tag, bool valid)
    {
        Assert.That(ImageTagPolicy.IsValidTag(tag), Is.EqualTo(valid));
    }

    [Test]
    public void A_remote_url_loses_its_credentials_before_becoming_a_label()
    {
        Assert.That(GitReader.WithoutCredentials("https://x-access-token:ghs_secret@github.com/acme/tiktimer.git"), Is.EqualTo("https://github.com/acme/tiktimer.git"));
    }
}
