using System.Net;
using Microsoft.Extensions.Time.Testing;
using TikTimer.Delivery.Aws;
using TikTimer.Delivery.Aws.Ecs;
using TikTimer.Delivery.Aws.Http;
using TikTimer.Delivery.Reporting;

namespace TikTimer.Delivery.Tests.Aws;

public class RetryTests
{
    private static readonly DescribeTasksRequest Describe = new("c", ["t"]);
    private static readonly RunTaskRequest Run = new() { Cluster = "c", TaskDefinition = "td" };

    private FakeTimeProvider _time = null!;

    // NUnit shares one fixture instance between tests: each test gets its own clock.
    [SetUp]
    public void NewClock() => _time = new FakeTimeProvider(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero));

    [Test]
    public async Task Throttling_is_retried_after_exponentially_growing_delays()
    {
        var sentAt = new List<TimeSpan>();
        var handler = new FakeAwsHandler((_, i) =>
        {
            sentAt.Add(_time.GetUtcNow() - _time.Start);
            return i < 2 ? FakeAwsHandler.Error(HttpStatusCode.BadRequest, "ThrottlingException") : FakeAwsHandler.Json("""{"tasks":[]}""");
        });
        using var aws = TestAws.Clients(handler, _time);

        await WithClock(aws.Ecs.DescribeTasksAsync(Describe));

        Assert.That(sentAt, Is.EqualTo(new[] { TimeSpan.Zero, TimeSpan.FromMilliseconds(500), TimeSpan.FromMilliseconds(1500) }));
    }

    [Test]
    public void The_backoff_is_full_jitter_under_a_cap()
    {
        var jitter = 0.25;
        var policy = new AwsRetryPolicy(10, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5), () => jitter);

        Assert.That(policy.DelayAfter(2), Is.EqualTo(TimeSpan.FromSeconds(0.5)));
        Assert.That(policy.DelayAfter(9), Is.EqualTo(TimeSpan.FromSeconds(1.25)));
        jitter = 0;
        Assert.That(policy.DelayAfter(3), Is.EqualTo(TimeSpan.Zero));
    }

    [Test]
    public async Task A_server_error_on_a_read_is_retried()
    {
        var handler = FakeAwsHandler.Answering(
            () => FakeAwsHandler.Error(HttpStatusCode.InternalServerError, "ServerException"),
            () => FakeAwsHandler.Json("""{"tasks":[]}"""));
        using var aws = TestAws.Clients(handler, _time);

        await WithClock(aws.Ecs.DescribeTasksAsync(Describe));

        Assert.That(handler.Requests, Has.Count.EqualTo(2));
    }

    [Test]
    public void A_server_error_on_RunTask_is_not_retried_and_says_why()
    {
        var handler = FakeAwsHandler.Answering(() => FakeAwsHandler.Error(HttpStatusCode.InternalServerError, "ServerException"));
        using var aws = TestAws.Clients(handler, _time);

        var error = Assert.ThrowsAsync<AwsServiceException>(() => WithClock(aws.Ecs.RunTaskAsync(Run)));

        Assert.That(handler.Requests, Has.Count.EqualTo(1));
        Assert.That(error!.OutcomeUnknown, Is.True);
        Assert.That(error.Message, Does.Contain("RunTask was not retried because repeating it is not safe"));
    }

    [Test]
    public async Task Throttling_on_RunTask_is_retried_because_AWS_did_not_act_on_it()
    {
        var handler = FakeAwsHandler.Answering(
            () => FakeAwsHandler.Error((HttpStatusCode)429, "TooManyRequestsException"),
            () => FakeAwsHandler.Json("""{"tasks":[{"taskArn":"arn:aws:ecs:eu-west-1:1:task/c/abc"}]}"""));
        using var aws = TestAws.Clients(handler, _time);

        var response = await WithClock(aws.Ecs.RunTaskAsync(Run));

        Assert.That(response.Tasks.Single().TaskId, Is.EqualTo("abc"));
    }

    [Test]
    public async Task A_refused_connection_is_retried_even_for_RunTask()
    {
        var handler = new FakeAwsHandler((_, i) => i == 0
            ? throw new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused")
            : FakeAwsHandler.Json("""{"tasks":[]}"""));
        using var aws = TestAws.Clients(handler, _time);

        await WithClock(aws.Ecs.RunTaskAsync(Run));

        Assert.That(handler.Requests, Has.Count.EqualTo(2));
    }

    [Test]
    public void Retries_stop_at_the_configured_number_of_attempts()
    {
        var handler = FakeAwsHandler.Answering(() => FakeAwsHandler.Error(HttpStatusCode.BadRequest, "ThrottlingException", "Rate exceeded"));
        using var aws = TestAws.Clients(handler, _time, new AwsClientOptions { Region = "eu-west-1", Credentials = TestAws.Credentials, MaxAttempts = 4 });

        var error = Assert.ThrowsAsync<AwsServiceException>(() => WithClock(aws.Ecs.DescribeTasksAsync(Describe)));

        Assert.That(handler.Requests, Has.Count.EqualTo(4));
        Assert.That(error!.Message, Does.Contain("Gave up after 4 attempts"));
    }

    [Test]
    public void A_client_error_is_not_retried()
    {
        var handler = FakeAwsHandler.Answering(() => FakeAwsHandler.Error(HttpStatusCode.BadRequest, "InvalidParameterException"));
        using var aws = TestAws.Clients(handler, _time);

        Assert.ThrowsAsync<AwsServiceException>(() => WithClock(aws.Ecs.DescribeTasksAsync(Describe)));

        Assert.That(handler.Requests, Has.Count.EqualTo(1));
    }

    [Test]
    public void An_attempt_that_times_out_on_RunTask_is_reported_as_possibly_done()
    {
        var handler = new HangingHandler();
        using var aws = TestAws.Clients(handler, _time);

        var error = Assert.ThrowsAsync<AwsTransportException>(() => WithClock(aws.Ecs.RunTaskAsync(Run)));

        Assert.That(handler.Calls, Is.EqualTo(1));
        Assert.That(error!.OutcomeUnknown, Is.True);
        Assert.That(error.Message, Does.Contain("attempt timeout of 30 s").And.Contain("not retried"));
    }

    [Test]
    public void An_attempt_that_times_out_on_a_read_is_retried_up_to_the_limit()
    {
        var handler = new HangingHandler();
        using var aws = TestAws.Clients(handler, _time);

        Assert.ThrowsAsync<AwsTransportException>(() => WithClock(aws.Ecs.DescribeTasksAsync(Describe)));

        Assert.That(handler.Calls, Is.EqualTo(AwsClientOptions.DefaultMaxAttempts));
    }

    [Test]
    public void The_caller_s_cancellation_passes_through_unwrapped()
    {
        using var aws = TestAws.Clients(new HangingHandler(), _time);
        using var cancel = new CancellationTokenSource();

        var call = aws.Ecs.DescribeTasksAsync(Describe, cancel.Token);
        cancel.Cancel();

        Assert.That(async () => await call, Throws.InstanceOf<OperationCanceledException>());
    }

    [Test]
    public async Task Each_retry_is_announced_in_the_log()
    {
        var log = new RecordingDeliveryLog();
        var handler = FakeAwsHandler.Answering(
            () => FakeAwsHandler.Error(HttpStatusCode.BadRequest, "ThrottlingException"),
            () => FakeAwsHandler.Json("{}"));
        using var aws = TestAws.Clients(handler, _time, log: log);

        await WithClock(aws.Ecs.DescribeTasksAsync(Describe));

        Assert.That(log.Lines, Has.One.EqualTo("WARNING: AWS ECS DescribeTasks: ThrottlingException (HTTP 400); retrying in 0.5 s (attempt 2 of 3)."));
    }

    /// <summary>Moves the fake clock in small steps until the call settles.</summary>
    private async Task<T> WithClock<T>(Task<T> call)
    {
        for (var i = 0; i < 10_000 && !call.IsCompleted; i++)
        {
            await Task.Yield();
            if (!call.IsCompleted)
            {
                await Task.Delay(1);
                _time.Advance(TimeSpan.FromMilliseconds(100));
            }
        }

        return await call;
    }

    private sealed class HangingHandler : HttpMessageHandler
    {
        public int Calls { get; private set; }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Calls++;
            await Task.Delay(Timeout.Infinite, cancellationToken);
            throw new InvalidOperationException("unreachable");
        }
    }
}
