namespace TikTimer.Delivery.Smoke;

/// <summary>Why one check did not pass: the URL, the status if there was an answer, and a reason.</summary>
public sealed record SmokeCheckFailure(Uri Url, int? Status, string Reason);
