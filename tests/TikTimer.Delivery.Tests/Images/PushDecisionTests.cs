using TikTimer.Delivery.Images;

namespace TikTimer.Delivery.Tests.Images;

public class PushDecisionTests
{
    private const string Repository = "127.0.0.1:5000/tiktimer";
    private const string Tag = "abc";
    private static readonly string LocalId = "sha256:" + new string('1', 64);
    private static readonly string OtherId = "sha256:" + new string('2', 64);
    private static readonly string Digest = "sha256:" + new string('d', 64);

    [Test]
    public void A_tag_missing_from_the_registry_is_pushed()
    {
        var decision = PushDecision.Decide(Repository, Tag, LocalId, [], remote: null);

        Assert.That(decision.Action, Is.EqualTo(PushAction.Push));
    }

    [Test]
    public void A_tag_holding_a_manifest_this_engine_pushed_is_skipped()
    {
        var decision = PushDecision.Decide(Repository, Tag, LocalId, [$"{Repository}@{Digest}"], new RemoteImage(Digest, OtherId));

        Assert.That(decision.Action, Is.EqualTo(PushAction.AlreadyPushed));
        Assert.That(decision.Reason, Does.Contain("skipping"));
    }

    [Test]
    public void A_tag_holding_the_same_image_pushed_from_elsewhere_is_skipped()
    {
        var decision = PushDecision.Decide(Repository, Tag, LocalId, [], new RemoteImage(Digest, LocalId));

        Assert.That(decision.Action, Is.EqualTo(PushAction.AlreadyPushed));
    }

    [Test]
    public void A_tag_holding_a_different_image_is_a_conflict_naming_the_repository_and_tag()
    {
        var decision = PushDecision.Decide(Repository, Tag, LocalId, [], new RemoteImage(Digest, OtherId));

        Assert.That(decision.Action, Is.EqualTo(PushAction.Conflict));
        Assert.That(decision.Reason, Does.Contain($"{Repository}:{Tag}").And.Contain(Digest).And.Contain(LocalId));
    }

    [Test]
    public void A_digest_recorded_for_another_repository_does_not_count()
    {
        var decision = PushDecision.Decide(Repository, Tag, LocalId, [$"elsewhere/tiktimer@{Digest}"], new RemoteImage(Digest, null));

        Assert.That(decision.Action, Is.EqualTo(PushAction.Conflict));
    }
}
