using System.Net;
using System.Text;
using TikTimer.Delivery.Aws;
using TikTimer.Delivery.Reporting;

namespace TikTimer.Delivery.Tests.Aws;

/// <summary>The HTTP edge, faked: answers each request with the next canned reply and records what was sent.</summary>
internal sealed class FakeAwsHandler(Func<RecordedRequest, int, HttpResponseMessage> respond) : HttpMessageHandler
{
    public List<RecordedRequest> Requests { get; } = [];

    public static FakeAwsHandler Answering(params Func<HttpResponseMessage>[] replies) =>
        new((_, i) => replies[Math.Min(i, replies.Length - 1)]());

    public static HttpResponseMessage Json(string body, HttpStatusCode status = HttpStatusCode.OK, string? requestId = "req-123")
    {
        var response = new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8) };
        response.Content.Headers.ContentType = new("application/x-amz-json-1.1");
        if (requestId is not null)
        {
            response.Headers.TryAddWithoutValidation("x-amzn-RequestId", requestId);
        }

        return response;
    }

    public static HttpResponseMessage Error(HttpStatusCode status, string type, string message = "boom") =>
        Json($$"""{"__type":"{{type}}","message":"{{message}}"}""", status);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? string.Empty : await request.Content.ReadAsStringAsync(cancellationToken);
        var headers = request.Headers.Concat(request.Content?.Headers ?? Enumerable.Empty<KeyValuePair<string, IEnumerable<string>>>())
            .ToDictionary(h => h.Key, h => string.Join(",", h.Value), StringComparer.OrdinalIgnoreCase);
        var recorded = new RecordedRequest(request.Method.Method, request.RequestUri!, headers, body);
        Requests.Add(recorded);
        return respond(recorded, Requests.Count - 1);
    }
}

internal sealed record RecordedRequest(string Method, Uri Uri, IReadOnlyDictionary<string, string> Headers, string Body)
{
    public string? Target => Headers.GetValueOrDefault("X-Amz-Target");
}

/// <summary>Clients wired to a fake handler, a fake clock and a fixed jitter.</summary>
internal static class TestAws
{
    public static readonly AwsCredentials Credentials = new("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");

    public static AwsClients Clients(
        HttpMessageHandler handler,
        TimeProvider? time = null,
        AwsClientOptions? options = null,
        IDeliveryLog? log = null,
        double jitter = 1.0,
        IReadOnlyDictionary<string, string>? environment = null) =>
        AwsClientFactory.Create(
            options ?? new AwsClientOptions { Region = "eu-west-1", Credentials = Credentials },
            time,
            log,
            handler,
            name => environment?.GetValueOrDefault(name),
            () => jitter);
}
