using TikTimer.Delivery.Polling;
using TikTimer.Delivery.Validation;

namespace TikTimer.Delivery.Migrations;

/// <summary>
/// How <see cref="MigrationRunner"/> waits. Every default is documented and
/// <see cref="Validate"/> names a value that is out of range.
/// </summary>
public sealed record MigrationOptions
{
    /// <summary>How long the task may take from start to STOPPED. Default 10 min (as ecspresso); range 1 s to 24 h.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>The shortest and longest <see cref="Timeout"/> (settings check it before anything runs).</summary>
    public static (TimeSpan Min, TimeSpan Max) TimeoutRange { get; } = (TimeSpan.FromSeconds(1), TimeSpan.FromHours(24));

    /// <summary>How often DescribeAsync is called; see <see cref="AdaptivePollingSchedule"/>.</summary>
    public AdaptivePollingSchedule Polling { get; init; } = AdaptivePollingSchedule.Default;

    /// <summary>How often new log lines are fetched while the task runs. Default 2 s.</summary>
    public TimeSpan LogPollInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How long after STOPPED late log lines are waited for. CloudWatch Logs ingests a few
    /// seconds behind the container, so one read at once can miss the last lines: reads are
    /// repeated every <see cref="LogDrainInterval"/> until two in a row find nothing, at most this
    /// long. Zero: one read is complete (docker's logs are, once the container has exited). Default 5 s.
    /// </summary>
    public TimeSpan LogGracePeriod { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The pause between the reads for late log lines after STOPPED. Default 1 s; range 50 ms to 1 min.</summary>
    public TimeSpan LogDrainInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How many of the last log lines a failure repeats in its message. Default 20.</summary>
    public int FailureLogLines { get; init; } = 20;

    /// <summary>A "still running" line is written when nothing else was said for this long. Default 30 s.</summary>
    public TimeSpan ProgressInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long stopping the task may take after a timeout or Ctrl-C, independent of
    /// the (already cancelled) wait. Default 15 s.
    /// </summary>
    public TimeSpan StopTimeout { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>Start even when another migration of the family is active (<c>--force</c>). Default false.</summary>
    public bool Force { get; init; }

    public void Validate()
    {
        const string Owner = "Migration";
        OptionRange.Check(Timeout, TimeoutRange, Owner, nameof(Timeout));
        OptionRange.Check(LogPollInterval, TimeSpan.FromMilliseconds(100), TimeSpan.FromMinutes(5), Owner, nameof(LogPollInterval));
        OptionRange.Check(LogGracePeriod, TimeSpan.Zero, TimeSpan.FromMinutes(5), Owner, nameof(LogGracePeriod));
        OptionRange.Check(LogDrainInterval, TimeSpan.FromMilliseconds(50), TimeSpan.FromMinutes(1), Owner, nameof(LogDrainInterval));
        OptionRange.Check(ProgressInterval, TimeSpan.FromSeconds(1), TimeSpan.FromHours(1), Owner, nameof(ProgressInterval));
        OptionRange.Check(StopTimeout, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(10), Owner, nameof(StopTimeout));
        OptionRange.Check(FailureLogLines, 0, 1000, Owner, nameof(FailureLogLines));

        ArgumentNullException.ThrowIfNull(Polling);
        Polling.Validate();
    }
}
