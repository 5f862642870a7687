namespace TikTimer.Delivery.Locking;

/// <summary>How a run waits for the delivery lock of one environment and service.</summary>
public sealed record DeliveryLockOptions
{
    /// <summary>Where the lock files live. Default <c>$XDG_RUNTIME_DIR/tiktimer/locks</c>, else the temp directory's <c>tiktimer-locks</c>.</summary>
    public string Directory { get; init; } = DefaultDirectory;

    /// <summary>
    /// How long a second run waits for the first to finish Migrate -> Deploy -> SmokeTest. Default 10 min
    /// (the <c>lock-timeout</c> setting); zero stops at once, naming the holder.
    /// </summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>How often a waiting run tries again. Default 1 s.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How often a waiting run says it still waits, and for whom. Default 15 s.</summary>
    public TimeSpan ProgressInterval { get; init; } = TimeSpan.FromSeconds(15);

    public static (TimeSpan Min, TimeSpan Max) TimeoutRange { get; } = (TimeSpan.Zero, TimeSpan.FromHours(2));

    public static string DefaultDirectory =>
        System.Environment.GetEnvironmentVariable("XDG_RUNTIME_DIR") is { Length: > 0 } runtime && System.IO.Directory.Exists(runtime)
            ? Path.Combine(runtime, "tiktimer", "locks")
            : Path.Combine(Path.GetTempPath(), "tiktimer-locks");
}
