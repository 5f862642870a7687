using TikTimer.Delivery.Docker;
using TikTimer.Delivery.Images;
using TikTimer.Delivery.Processes;
using TikTimer.Delivery.Reporting;
using TikTimer.Delivery.Tests.Infrastructure;

namespace TikTimer.Delivery.Tests.Images;

public class ImagePusherTests
{
    private static readonly string LocalId = "sha256:" + new string('1', 64);
    private static readonly string Digest = "sha256:" + new string('d', 64);

    [Test]
    public void A_conflict_fails_before_logging_in_or_pushing()
    {
        var registry = new FakeRegistry { Tags = { ["abc"] = new RemoteImage(Digest, "sha256:" + new string('2', 64)) } };
        var runner = Runner();

        Assert.ThrowsAsync<DeliveryException>(() => Pusher(runner).PushAsync(new ImagePushOptions(LocalId, "abc"), registry));

        Assert.That(registry.LoginsIssued, Is.Zero);
        Assert.That(runner.Specs.Select(s => s.Arguments[0]), Has.None.EqualTo("push").And.None.EqualTo("login"));
    }

    [Test]
    public async Task A_skipped_push_still_moves_an_extra_tag_that_points_elsewhere()
    {
        var registry = new FakeRegistry
        {
            Tags = { ["abc"] = new RemoteImage(Digest, LocalId), ["latest"] = new RemoteImage("sha256:" + new string('0', 64), null) },
        };

        var result = await Pusher(Runner()).PushAsync(new ImagePushOptions(LocalId, "abc") { ExtraTags = ["latest"] }, registry);

        Assert.That(result.Pushed, Is.False);
        Assert.That(result.MovedTags, Is.EqualTo(new[] { "latest" }));
        Assert.That(registry.Tags["latest"].Digest, Is.EqualTo(Digest));
    }

    [Test]
    public async Task An_extra_tag_already_on_the_digest_is_left_alone()
    {
        var registry = new FakeRegistry { Tags = { ["abc"] = new RemoteImage(Digest, LocalId), ["latest"] = new RemoteImage(Digest, LocalId) } };

        var result = await Pusher(Runner()).PushAsync(new ImagePushOptions(LocalId, "abc") { ExtraTags = ["latest"] }, registry);

        Assert.That(result.MovedTags, Is.Empty);
    }

    [Test]
    public void A_push_whose_digest_differs_from_the_registry_is_a_failure()
    {
        var registry = new FakeRegistry { AfterPush = new RemoteImage("sha256:" + new string('e', 64), LocalId) };

        var error = Assert.ThrowsAsync<DeliveryException>(() => Pusher(Runner(pushDigest: Digest)).PushAsync(new ImagePushOptions(LocalId, "abc"), registry));

        Assert.That(error.Message, Does.Contain("docker push reported").And.Contain("abc"));
    }

    [Test]
    public void A_missing_local_image_asks_for_BuildImage()
    {
        var runner = new ScriptedProcessRunner(_ => ScriptedProcessRunner.Fail(1, "Error: No such image"));

        var error = Assert.ThrowsAsync<DeliveryException>(() => Pusher(runner).PushAsync(new ImagePushOptions(LocalId, "abc"), new FakeRegistry()));

        Assert.That(error.Message, Does.Contain("Run BuildImage first"));
    }

    private static ImagePusher Pusher(IProcessRunner runner) =>
        new(new DockerCli(runner, new RecordingDeliveryLog(), new DockerCliOptions { ExecutablePath = "/usr/bin/true" }), new RecordingDeliveryLog());

    private static ScriptedProcessRunner Runner(string? pushDigest = null) => new(spec => spec.Arguments[0] switch
    {
        "image" => ScriptedProcessRunner.Ok($$"""{"Id":"{{LocalId}}","RepoTags":[],"RepoDigests":[]}"""),
        "push" => ScriptedProcessRunner.Ok($"abc: digest: {pushDigest ?? Digest} size: 528"),
        _ => ScriptedProcessRunner.Ok(),
    });

    private sealed class FakeRegistry : IImageRegistry
    {
        public Dictionary<string, RemoteImage> Tags { get; } = [];

        public RemoteImage? AfterPush { get; init; }

        public int LoginsIssued { get; private set; }

        public string Repository => "registry.example/tiktimer";

        public Task EnsureRepositoryAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

        public Task<RegistryLogin> GetLoginAsync(CancellationToken cancellationToken = default)
        {
            LoginsIssued++;
            return Task.FromResult(new RegistryLogin("registry.example", "AWS", "token-secret"));
        }

        public Task<RemoteImage?> FindImageAsync(string tag, CancellationToken cancellationToken = default) =>
            Task.FromResult(Tags.TryGetValue(tag, out var image) ? image : LoginsIssued > 0 ? AfterPush ?? new RemoteImage(Digest, LocalId) : null);

        public Task RetagAsync(string digest, string tag, CancellationToken cancellationToken = default)
        {
            Tags[tag] = new RemoteImage(digest, null);
            return Task.CompletedTask;
        }
    }
}
