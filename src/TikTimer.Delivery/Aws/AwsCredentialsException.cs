namespace TikTimer.Delivery.Aws;

/// <summary>
/// No usable credentials: none could be resolved, or AWS rejected the ones that were
/// (expired session, unknown key, wrong secret). The message says how to fix it.
/// When AWS rejected them, <see cref="Exception.InnerException"/> is the
/// <see cref="AwsServiceException"/> and <see cref="ErrorCode"/> its code.
/// </summary>
public sealed class AwsCredentialsException : DeliveryException
{
    public const string HowToFix =
        "Fix: on a workstation run 'aws sso login --profile NAME' (or 'aws configure') and set AWS_PROFILE=NAME, "
        + "or export AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (plus AWS_SESSION_TOKEN for temporary credentials); "
        + "in CI let the job assume its role through OIDC (aws-actions/configure-aws-credentials with role-to-assume "
        + "and 'permissions: id-token: write').";

    public AwsCredentialsException(string message, string? errorCode, Exception? innerException)
        : base(message, innerException!)
    {
        ErrorCode = errorCode;
    }

    /// <summary>The AWS error code when AWS rejected the credentials; null when none were found.</summary>
    public string? ErrorCode { get; }
}
