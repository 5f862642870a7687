using TikTimer.Delivery.Images;

namespace TikTimer.Delivery.Tests.Images;

public class ImageTagPolicyExplicitTagTests
{
    [Test]
    public void An_explicit_tag_replaces_the_commit_sha_even_on_a_dirty_tree()
    {
        var git = new GitFacts(new string('a', 40), IsDirty: true, DateTimeOffset.UnixEpoch, null);

        var tags = ImageTagPolicy.Resolve(git, DateTimeOffset.UnixEpoch, ["latest"], explicitTag: "release-1.2");

        Assert.That(tags.Primary, Is.EqualTo("release-1.2"));
        Assert.That(tags.Extra, Is.EqualTo(new[] { "latest" }));
    }
}
