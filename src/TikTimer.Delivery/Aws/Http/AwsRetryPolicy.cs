namespace TikTimer.Delivery.Aws.Http;

/// <summary>What a failed attempt means for the next one.</summary>
internal enum AwsFailureKind
{
    /// <summary>AWS refused the request before acting on it: always safe to repeat.</summary>
    Throttled,

    /// <summary>The request may or may not have been carried out (5xx, timeout after sending).</summary>
    Ambiguous,

    /// <summary>The request never left (connection refused, DNS): safe to repeat.</summary>
    NotSent,

    /// <summary>The credentials were refused: repeating cannot help.</summary>
    Credentials,

    /// <summary>A client error that repeating cannot fix.</summary>
    Permanent,
}

/// <summary>
/// Capped exponential backoff with full jitter (delay = random(0, min(cap, base * 2^n)),
/// as in the AWS SDKs' standard mode), bounded attempts, and the rule that a call
/// which is not idempotent is repeated only when AWS certainly did not act on it.
/// </summary>
internal sealed class AwsRetryPolicy(int maxAttempts, TimeSpan baseDelay, TimeSpan maxDelay, Func<double> jitter)
{
    private static readonly HashSet<string> ThrottlingCodes = new(StringComparer.Ordinal)
    {
        "Throttling", "ThrottlingException", "ThrottledException", "RequestThrottledException", "TooManyRequestsException",
        "ProvisionedThroughputExceededException", "TransactionInProgressException", "RequestLimitExceeded",
        "BandwidthLimitExceeded", "LimitExceededException", "RequestThrottled", "SlowDown", "EC2ThrottledException",
    };

    private static readonly HashSet<string> TransientCodes = new(StringComparer.Ordinal)
    {
        "RequestTimeout", "RequestTimeoutException", "InternalError", "InternalFailure", "InternalServiceError",
        "ServiceUnavailable", "ServiceUnavailableException", "ServerException", "PriorRequestNotComplete",
    };

    private static readonly HashSet<string> CredentialCodes = new(StringComparer.Ordinal)
    {
        "UnrecognizedClientException", "InvalidClientTokenId", "InvalidSignatureException", "SignatureDoesNotMatch",
        "ExpiredTokenException", "ExpiredToken", "RequestExpired", "MissingAuthenticationToken",
        "MissingAuthenticationTokenException", "IncompleteSignature", "IncompleteSignatureException", "AuthFailure",
        "InvalidAccessKeyId",
    };

    public int MaxAttempts { get; } = maxAttempts;

    public static AwsFailureKind Classify(int httpStatus, string code)
    {
        if (CredentialCodes.Contains(code))
        {
            return AwsFailureKind.Credentials;
        }

        if (httpStatus == 429 || ThrottlingCodes.Contains(code))
        {
            return AwsFailureKind.Throttled;
        }

        return httpStatus >= 500 || TransientCodes.Contains(code) ? AwsFailureKind.Ambiguous : AwsFailureKind.Permanent;
    }

    public static bool IsRetryable(AwsFailureKind kind, bool idempotent) => kind switch
    {
        AwsFailureKind.Throttled or AwsFailureKind.NotSent => true,
        AwsFailureKind.Ambiguous => idempotent,
        _ => false,
    };

    /// <summary>The delay after failed attempt number <paramref name="failedAttempt"/> (1-based).</summary>
    public TimeSpan DelayAfter(int failedAttempt)
    {
        var exponent = Math.Min(failedAttempt - 1, 30);
        var ceiling = Math.Min(maxDelay.Ticks, baseDelay.Ticks * Math.Pow(2, exponent));
        var fraction = Math.Clamp(jitter(), 0, 1);
        return TimeSpan.FromTicks((long)(ceiling * fraction));
    }
}
