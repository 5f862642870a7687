using System.Text.Json;
using TikTimer.Delivery.Reporting;
using TikTimer.Delivery.Polling;

namespace TikTimer.Delivery.Smoke;

/// <summary>
/// Verifies the deployed service live: GET /health is 200 with status "healthy",
/// GET / is 2xx, the service reports the version just deployed (when configured),
/// plus any extra checks. Retries with a doubling delay until its
/// timeout, because a new target needs a while before the load balancer sends it traffic.
/// Every attempt's status and latency are reported.
/// </summary>
public sealed class SmokeTester
{
    private readonly HttpClient _http;
    private readonly IDeliveryLog _log;
    private readonly SmokeOptions _options;
    private readonly TimeProvider _time;

    public SmokeTester(HttpClient http, IDeliveryLog log, SmokeOptions? options = null, TimeProvider? timeProvider = null)
    {
        _http = http ?? throw new ArgumentNullException(nameof(http));
        _log = log ?? throw new ArgumentNullException(nameof(log));
        _options = options ?? new SmokeOptions();
        _options.Validate();
        _time = timeProvider ?? TimeProvider.System;
    }

    public async Task<SmokeResult> RunAsync(Uri baseUrl, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(baseUrl);
        var started = _time.GetTimestamp();
        var delay = _options.InitialDelay;
        SmokeCheckFailure? lastFailure = null;
        var attempt = 0;

        using var scope = new TimeoutScope(_options.Timeout, _time, cancellationToken);
        try
        {
            while (true)
            {
                attempt++;
                lastFailure = await RunChecksAsync(baseUrl, attempt, scope.Token).ConfigureAwait(false);
                if (lastFailure is null)
                {
                    var elapsed = _time.GetElapsedTime(started);
                    _log.Information($"Smoke test passed for {baseUrl} on attempt {attempt} after {DurationText.Format(elapsed)}.");
                    if (_options.Version is { } version)
                    {
                        _log.Information($"The service reports version {version.Expected} at GET {version.Path} ({version.Field}): the version deployed answers.");
                    }

                    return new SmokeResult(baseUrl, attempt, elapsed);
                }

                await Task.Delay(delay, _time, scope.Token).ConfigureAwait(false);
                delay = delay * 2 < _options.MaxDelay ? delay * 2 : _options.MaxDelay;
            }
        }
        catch (OperationCanceledException) when (scope.TimedOut)
        {
            throw new SmokeTestFailedException(
                lastFailure ?? new SmokeCheckFailure(Url(baseUrl, _options.HealthPath), null, "no attempt finished"), attempt, _options.Timeout);
        }
    }

    /// <summary>One attempt: the checks in order, stopping at the first that fails. Null when all pass.</summary>
    private async Task<SmokeCheckFailure?> RunChecksAsync(Uri baseUrl, int attempt, CancellationToken cancellationToken)
    {
        foreach (var check in _options.AllChecks)
        {
            var failure = await RunCheckAsync(Url(baseUrl, check.Path), check, attempt, cancellationToken).ConfigureAwait(false);
            if (failure is not null)
            {
                return failure;
            }
        }

        return null;
    }

    private async Task<SmokeCheckFailure?> RunCheckAsync(Uri url, SmokeCheck check, int attempt, CancellationToken cancellationToken)
    {
        using var requestScope = new TimeoutScope(_options.RequestTimeout, _time, cancellationToken);
        var sent = _time.GetTimestamp();
        try
        {
            using var response = await _http.GetAsync(url, requestScope.Token).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            var body = await response.Content.ReadAsStringAsync(requestScope.Token).ConfigureAwait(false);
            var latency = DurationText.Format(_time.GetElapsedTime(sent));
            var problem = Judge(check, status, body);
            _log.Information($"Smoke attempt {attempt}: GET {url} -> {status} in {latency}{(problem is null ? string.Empty : $" ({problem})")}");
            return problem is null ? null : new SmokeCheckFailure(url, status, problem);
        }
        catch (HttpRequestException error)
        {
            return Report(url, attempt, $"no answer: {error.Message}");
        }
        catch (OperationCanceledException) when (requestScope.TimedOut)
        {
            return Report(url, attempt, $"no answer within {DurationText.Format(_options.RequestTimeout)}");
        }
    }

    private SmokeCheckFailure Report(Uri url, int attempt, string reason)
    {
        _log.Information($"Smoke attempt {attempt}: GET {url} -> {reason}");
        return new SmokeCheckFailure(url, null, reason);
    }

    private static string? Judge(SmokeCheck check, int status, string body)
    {
        var statusOk = check.ExpectedStatus is { } expected ? status == expected : status is >= 200 and < 300;
        if (!statusOk)
        {
            return $"expected {(check.ExpectedStatus?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "2xx")}";
        }

        if (check.ExpectHealthyJson && JudgeHealthBody(body) is { } unhealthy)
        {
            return unhealthy;
        }

        return check.Version is { } version ? JudgeVersion(version, body) : null;
    }

    private static string? JudgeVersion(VersionCheck check, string body)
    {
        var turnOff = "set smoke-version-path=off if the service reports no version";
        try
        {
            using var json = JsonDocument.Parse(body);
            var element = json.RootElement;
            foreach (var name in check.Field.Split('.'))
            {
                if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out element))
                {
                    return $"the body has no \"{check.Field}\" field ({turnOff}, or fix smoke-version-field)";
                }
            }

            var reported = element.ValueKind == JsonValueKind.String ? element.GetString() : element.GetRawText();
            return string.Equals(reported, check.Expected, StringComparison.Ordinal)
                ? null
                : $"{check.Field} is \"{Shorten(reported ?? string.Empty)}\", expected \"{check.Expected}\" (the version just deployed; an older one still answering?)";
        }
        catch (JsonException)
        {
            return $"the body is not JSON, so it reports no {check.Field} ({turnOff}): {Shorten(body)}";
        }
    }

    private static string? JudgeHealthBody(string body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            if (json.RootElement.ValueKind == JsonValueKind.Object
                && json.RootElement.TryGetProperty("status", out var status)
                && status.ValueKind == JsonValueKind.String)
            {
                var value = status.GetString();
                return string.Equals(value, "healthy", StringComparison.Ordinal) ? null : $"status is \"{value}\", expected \"healthy\"";
            }

            return "the body has no \"status\" string";
        }
        catch (JsonException)
        {
            return $"the body is not JSON: {Shorten(body)}";
        }
    }

    private static string Shorten(string text) => text.Length <= 80 ? text : text[..80] + "...";

    private static Uri Url(Uri baseUrl, string path) => new(baseUrl.ToString().TrimEnd('/') + path);
}
