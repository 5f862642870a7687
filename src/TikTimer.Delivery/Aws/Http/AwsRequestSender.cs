using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using TikTimer.Delivery.Reporting;

namespace TikTimer.Delivery.Aws.Http;

/// <summary>
/// Sends one service's calls: signs them, bounds each attempt in time, retries what is
/// safe to retry, and turns every failure into the project's exception types.
/// </summary>
internal sealed class AwsRequestSender(
    AwsService service,
    Uri endpoint,
    string region,
    IAwsCredentialSource credentials,
    AwsRetryPolicy retry,
    TimeSpan attemptTimeout,
    HttpClient http,
    TimeProvider time,
    IDeliveryLog? log)
{
    public AwsService Service => service;

    public Uri Endpoint => endpoint;

    public string Region => region;

    public async Task<byte[]> SendAsync(AwsCall call, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var creds = await credentials.GetAsync(cancellationToken).ConfigureAwait(false);
            var started = time.GetTimestamp();
            AwsFailureKind kind;
            string reason;
            Exception? transportError = null;
            AwsErrorResponse? error = null;

            try
            {
                using var request = BuildRequest(call, creds);
                using var attemptTimer = new CancellationTokenSource(attemptTimeout, time);
                using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, attemptTimer.Token);
                using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, linked.Token).ConfigureAwait(false);
                var body = await response.Content.ReadAsByteArrayAsync(linked.Token).ConfigureAwait(false);
                var status = (int)response.StatusCode;
                log?.Verbose($"AWS {service.Name} {call.Operation}: HTTP {status} in {time.GetElapsedTime(started).TotalMilliseconds:0} ms");
                if (response.IsSuccessStatusCode)
                {
                    return body;
                }

                error = AwsErrorResponse.Parse(status, response.Headers, body);
                kind = AwsRetryPolicy.Classify(status, error.Code);
                reason = $"{error.Code} (HTTP {status})";
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            catch (OperationCanceledException timeout)
            {
                transportError = timeout;
                kind = AwsFailureKind.Ambiguous;
                reason = $"no answer within the attempt timeout of {attemptTimeout.TotalSeconds:0.#} s";
            }
            catch (HttpRequestException failure) when (failure.HttpRequestError is HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError)
            {
                transportError = failure;
                kind = AwsFailureKind.NotSent;
                reason = $"could not connect to {endpoint} ({failure.Message})";
            }
            catch (Exception failure) when (failure is HttpRequestException or IOException)
            {
                transportError = failure;
                kind = AwsFailureKind.Ambiguous;
                reason = $"the connection to {endpoint} failed ({failure.Message})";
            }

            if (kind == AwsFailureKind.Credentials)
            {
                throw CredentialsRejected(call, error!);
            }

            // AWS's JSON services never answer an HTML page; moto does (HTTP 500) for an operation it lacks,
            // and repeating that only adds seconds of backoff. A gateway's 502/503/504 page is still retried.
            var retryable = AwsRetryPolicy.IsRetryable(kind, call.Idempotent) && error is not { HttpStatus: 500, IsHtmlPage: true };
            if (!retryable || attempt >= retry.MaxAttempts)
            {
                var notRetriedForSafety = kind == AwsFailureKind.Ambiguous && !call.Idempotent;
                throw error is not null
                    ? ServiceError(call, error, attempt, notRetriedForSafety)
                    : TransportError(call, reason, attempt, notRetriedForSafety, transportError!);
            }

            var delay = retry.DelayAfter(attempt);
            log?.Warning(
                $"AWS {service.Name} {call.Operation}: {reason}; retrying in {delay.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s "
                + $"(attempt {attempt + 1} of {retry.MaxAttempts}).");
            await Task.Delay(delay, time, cancellationToken).ConfigureAwait(false);
        }
    }

    private HttpRequestMessage BuildRequest(AwsCall call, AwsCredentials creds)
    {
        var amzDate = SigV4Signer.AmzDate(time.GetUtcNow());
        var host = endpoint.IsDefaultPort ? endpoint.Host : $"{endpoint.Host}:{endpoint.Port}";
        var signed = new List<KeyValuePair<string, string>>
        {
            new("host", host),
            new("x-amz-date", amzDate),
            new("content-type", call.ContentType),
        };
        if (call.Target is not null)
        {
            signed.Add(new("x-amz-target", call.Target));
        }

        if (creds.SessionToken is not null)
        {
            signed.Add(new("x-amz-security-token", creds.SessionToken));
        }

        var path = string.IsNullOrEmpty(endpoint.AbsolutePath) ? "/" : endpoint.AbsolutePath;
        var authorization = SigV4Signer.Sign(
            new SigV4Request("POST", path, [], signed, call.Body), creds, region, service.SigningName, time.GetUtcNow());

        var request = new HttpRequestMessage(HttpMethod.Post, endpoint)
        {
            Content = new ByteArrayContent(call.Body),
        };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", call.ContentType);
        request.Headers.TryAddWithoutValidation("X-Amz-Date", amzDate);
        if (call.Target is not null)
        {
            request.Headers.TryAddWithoutValidation("X-Amz-Target", call.Target);
        }

        if (creds.SessionToken is not null)
        {
            request.Headers.TryAddWithoutValidation("X-Amz-Security-Token", creds.SessionToken);
        }

        request.Headers.TryAddWithoutValidation("Authorization", authorization);
        request.Headers.UserAgent.Add(new ProductInfoHeaderValue("TikTimer.Delivery", "1.0"));
        return request;
    }

    private AwsServiceException ServiceError(AwsCall call, AwsErrorResponse error, int attempts, bool notRetriedForSafety)
    {
        var message = AwsErrorMessages.Describe(service, call.Operation, error, call.Resources);
        if (notRetriedForSafety)
        {
            message += $" {call.Operation} was not retried because repeating it is not safe: check in the AWS console "
                + "whether it took effect before running the step again.";
        }
        else if (attempts > 1)
        {
            message += $" Gave up after {attempts} attempts.";
        }

        return new AwsServiceException(message, service.Name, call.Operation, error.Code, error.Message, error.RequestId, error.HttpStatus, notRetriedForSafety);
    }

    private AwsTransportException TransportError(AwsCall call, string reason, int attempts, bool notRetriedForSafety, Exception cause)
    {
        var message = $"{service.Name} {call.Operation}: {reason}.";
        message += notRetriedForSafety
            ? $" {call.Operation} was not retried because repeating it is not safe: check in the AWS console whether it took effect before running the step again."
            : $" Gave up after {attempts} attempt(s). Check the network and the endpoint ({endpoint}).";
        return new AwsTransportException(message, service.Name, call.Operation, attempts, notRetriedForSafety, cause);
    }

    private AwsCredentialsException CredentialsRejected(AwsCall call, AwsErrorResponse error)
    {
        var why = error.Code switch
        {
            "ExpiredTokenException" or "ExpiredToken" or "RequestExpired" => "the session credentials have expired",
            "SignatureDoesNotMatch" or "InvalidSignatureException" => "the secret access key does not match the access key id",
            "UnrecognizedClientException" or "InvalidClientTokenId" or "InvalidAccessKeyId" or "AuthFailure" => "the access key id is not known to AWS (deleted, or from another partition)",
            _ => "the request carried no usable credentials",
        };
        var inner = ServiceError(call, error, 1, notRetriedForSafety: false);
        return new AwsCredentialsException(
            $"{service.Name} {call.Operation}: AWS rejected the credentials: {why} ({error.Code}: {error.Message}){AwsErrorMessages.RequestIdText(error.RequestId)}. "
            + AwsCredentialsException.HowToFix,
            error.Code,
            inner);
    }
}
