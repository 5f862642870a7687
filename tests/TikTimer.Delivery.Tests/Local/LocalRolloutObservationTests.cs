using TikTimer.Delivery.Docker;
using TikTimer.Delivery.Local;

namespace TikTimer.Delivery.Tests.Local;

public class LocalRolloutObservationTests
{
    private static readonly DateTimeOffset Started = new(2026, 11, 24, 4, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(60);

    [Test]
    public void A_running_container_answering_200_is_healthy()
    {
        var seen = Observe("running", new HealthAnswer(true, "GET /health answered 200"), after: TimeSpan.FromSeconds(3));

        Assert.That(seen.Phase, Is.EqualTo(LocalRolloutPhase.Healthy));
    }

    [Test]
    public void A_running_container_not_healthy_within_the_grace_is_still_starting()
    {
        var seen = Observe("running", new HealthAnswer(false, "GET /health failed: ConnectionRefused"), after: TimeSpan.FromSeconds(59));

        Assert.That(seen.Phase, Is.EqualTo(LocalRolloutPhase.Starting));
        Assert.That(seen.Reason, Does.Contain("ConnectionRefused"));
    }

    [Test]
    public void A_running_container_still_unhealthy_after_the_grace_has_failed_with_its_last_answer()
    {
        var seen = Observe("running", new HealthAnswer(false, "GET /health answered 503"), after: Grace);

        Assert.That(seen.Phase, Is.EqualTo(LocalRolloutPhase.Failed));
        Assert.That(seen.Reason, Does.Contain("answered 503").And.Contain("60 s"));
    }

    [Test]
    public void An_exited_container_has_failed_with_its_exit_code()
    {
        var seen = Observe("exited", null, after: TimeSpan.FromSeconds(1), exitCode: 2);

        Assert.That(seen.Phase, Is.EqualTo(LocalRolloutPhase.Failed));
        Assert.That(seen.Reason, Does.Contain("exited with code 2"));
    }

    [Test]
    public void A_container_that_could_not_start_has_failed_with_dockers_error()
    {
        var seen = Observe("created", null, after: TimeSpan.Zero, error: "exec: \"/app/TikTimer.Api\": permission denied");

        Assert.That(seen.Phase, Is.EqualTo(LocalRolloutPhase.Failed));
        Assert.That(seen.Reason, Does.Contain("permission denied"));
    }

    [Test]
    public void A_created_container_is_still_starting()
    {
        Assert.That(Observe("created", null, after: TimeSpan.Zero).Phase, Is.EqualTo(LocalRolloutPhase.Starting));
    }

    private static LocalRolloutObservation Observe(string status, HealthAnswer? health, TimeSpan after, int exitCode = 0, string error = "")
    {
        var container = new DockerContainerState(
            "id", "tiktimer-api-0a1b2c3d", status, status == "running", exitCode, false, error,
            status == "created" ? null : Started, null, new Dictionary<string, string>());
        return LocalRolloutObservation.Of(container, health, Started + after, Grace);
    }
}
