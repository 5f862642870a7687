namespace TikTimer.Delivery.Polling;

/// <summary>How a <see cref="PollLoop"/> ended: the last state seen (none when the deadline came first), and whether the deadline ended it.</summary>
public sealed record PollOutcome<T>(T? Last, bool TimedOut, TimeSpan Elapsed);
