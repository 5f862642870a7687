using TikTimer.Delivery.Aws.Ecs;
using TikTimer.Delivery.Aws.Logs;

namespace TikTimer.Delivery.Tests.Aws;

public class PagingTests
{
    [Test]
    public async Task ListAllTaskArns_follows_next_tokens_to_the_end()
    {
        var handler = FakeAwsHandler.Answering(
            () => FakeAwsHandler.Json("""{"taskArns":["a","b"],"nextToken":"t1"}"""),
            () => FakeAwsHandler.Json("""{"taskArns":["c"]}"""));
        using var aws = TestAws.Clients(handler);

        var arns = await aws.Ecs.ListAllTaskArnsAsync(new ListTasksRequest("c")).ToListAsync();

        Assert.That(arns, Is.EqualTo(new[] { "a", "b", "c" }));
        Assert.That(handler.Requests[1].Body, Does.Contain("\"nextToken\":\"t1\""));
    }

    [Test]
    public async Task ReadForward_stops_when_the_forward_token_repeats_and_returns_it_for_the_next_poll()
    {
        var handler = FakeAwsHandler.Answering(
            () => FakeAwsHandler.Json("""{"events":[{"timestamp":1,"message":"one"}],"nextForwardToken":"f/1"}"""),
            () => FakeAwsHandler.Json("""{"events":[{"timestamp":2,"message":"two"}],"nextForwardToken":"f/2"}"""),
            () => FakeAwsHandler.Json("""{"events":[],"nextForwardToken":"f/2"}"""));
        using var aws = TestAws.Clients(handler);

        var page = await aws.Logs.ReadForwardAsync("/ecs/tiktimer", "p/api/t", forwardToken: null);

        Assert.That(page.Events.Select(e => e.Message), Is.EqualTo(new[] { "one", "two" }));
        Assert.That(page.NextForwardToken, Is.EqualTo("f/2"));
        Assert.That(handler.Requests[0].Body, Does.Contain("\"startFromHead\":true"));
    }

    [Test]
    public async Task FilterAllLogEvents_follows_next_tokens()
    {
        var handler = FakeAwsHandler.Answering(
            () => FakeAwsHandler.Json("""{"events":[{"logStreamName":"s","timestamp":1,"message":"one","eventId":"1"}],"nextToken":"n"}"""),
            () => FakeAwsHandler.Json("""{"events":[{"logStreamName":"s","timestamp":2,"message":"two","eventId":"2"}]}"""));
        using var aws = TestAws.Clients(handler);

        var events = await aws.Logs.FilterAllLogEventsAsync(new FilterLogEventsRequest("/ecs/tiktimer")).ToListAsync();

        Assert.That(events.Select(e => e.EventId), Is.EqualTo(new[] { "1", "2" }));
    }
}
