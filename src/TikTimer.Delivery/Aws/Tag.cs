namespace TikTimer.Delivery.Aws;

/// <summary>A resource tag, shaped the same in ECS and ECR.</summary>
public sealed record Tag(string Key, string Value);
