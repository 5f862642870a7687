namespace TikTimer.Delivery.Aws;

/// <summary>
/// One set of signing credentials. Set <see cref="AwsClientOptions.Credentials"/> only to
/// bypass the SDK's default chain (tests, credentials from another source).
/// </summary>
public sealed record AwsCredentials(string AccessKeyId, string SecretAccessKey, string? SessionToken = null)
{
    // Keep the secret out of logs and exception messages that format the record.
    public override string ToString() => $"AwsCredentials {{ AccessKeyId = {AccessKeyId}, SecretAccessKey = ***, SessionToken = {(SessionToken is null ? "none" : "***")} }}";
}
