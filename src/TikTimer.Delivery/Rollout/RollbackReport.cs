namespace TikTimer.Delivery.Rollout;

/// <summary>What rolling one service back achieved, in a sentence for the summary.</summary>
public sealed record RollbackReport(string Service, bool Succeeded, string Message);
