namespace TikTimer.Delivery.Aws.Http;

/// <summary>One request to send: the operation, whether repeating it is harmless, and its body.</summary>
internal sealed record AwsCall(
    string Operation,
    bool Idempotent,
    byte[] Body,
    string ContentType,
    string? Target,
    IReadOnlyList<AwsResource> Resources);
