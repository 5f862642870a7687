using TikTimer.Delivery.Smoke;

namespace TikTimer.Delivery.Configuration;

/// <summary>
/// Everything one run needs to know, resolved once and immutable. Built only
/// by <see cref="SettingsResolver"/>, which has checked every value.
/// </summary>
public sealed record DeliverySettings
{
    public required string Environment { get; init; }

    public required DeliveryPlatform Platform { get; init; }

    public required string RepositoryRoot { get; init; }

    // AWS access
    public string? Region { get; init; }

    public string? AwsProfile { get; init; }

    public string? ExpectedAccountId { get; init; }

    public Uri? EcsEndpoint { get; init; }

    public Uri? EcrEndpoint { get; init; }

    public Uri? LogsEndpoint { get; init; }

    public Uri? StsEndpoint { get; init; }

    public int AwsMaxAttempts { get; init; } = 3;

    // Image
    public required string Repository { get; init; }

    public required string Registry { get; init; }

    public required string RegistryUsername { get; init; }

    public string? RegistryPassword { get; init; }

    public string? RegistryPasswordFile { get; init; }

    public bool CreateRepository { get; init; }

    public required string TagMutability { get; init; }

    public string? ImageTag { get; init; }

    public IReadOnlyList<string> ExtraTags { get; init; } = [];

    public string? Image { get; init; }

    public required string DockerPlatform { get; init; }

    public required string Dockerfile { get; init; }

    public string? ServiceProject { get; init; }

    public string? BuildContext { get; init; }

    public IReadOnlyDictionary<string, string> BuildArgs { get; init; } = new Dictionary<string, string>();

    // ECS
    public string? Cluster { get; init; }

    public IReadOnlyList<string> Services { get; init; } = [];

    public required string ContainerName { get; init; }

    public string? MigrationTaskFamily { get; init; }

    public required string MigrationContainerName { get; init; }

    public IReadOnlyList<string>? MigrationCommand { get; init; }

    public IReadOnlyList<string> Subnets { get; init; } = [];

    public IReadOnlyList<string> SecurityGroups { get; init; } = [];

    public bool AssignPublicIp { get; init; }

    public required string LaunchType { get; init; }

    public string? CapacityProvider { get; init; }

    public required string PlatformVersion { get; init; }

    // Waits and checks
    public TimeSpan MigrationTimeout { get; init; } = TimeSpan.FromMinutes(10);

    public TimeSpan DeployTimeout { get; init; } = TimeSpan.FromMinutes(15);

    public TimeSpan SmokeTimeout { get; init; } = TimeSpan.FromMinutes(2);

    public TimeSpan LockTimeout { get; init; } = TimeSpan.FromMinutes(10);

    public Uri? SmokeBaseUrl { get; init; }

    public IReadOnlyList<SmokeCheck> SmokeChecks { get; init; } = [];

    public bool Rollback { get; init; } = true;

    public bool Force { get; init; }

    public bool SkipTests { get; init; }

    public bool PrintSettings { get; init; }

    // The service's contract
    public string HealthPath { get; init; } = "/health";

    /// <summary>Null: the service reports no version, SmokeTest checks none.</summary>
    public string? SmokeVersionPath { get; init; } = "/";

    public string SmokeVersionField { get; init; } = "version";

    /// <summary>Null: the service has no tests for Validate to run.</summary>
    public IReadOnlyList<string>? TestCommand { get; init; }

    // Local platform
    public string? DatabaseUrl { get; init; }

    public IReadOnlyList<int> LocalPorts { get; init; } = [18080, 18081];

    // Day-two targets
    public OutputFormat OutputFormat { get; init; } = OutputFormat.Text;

    /// <summary>Rollback's explicit target image (repository@sha256:...), else the image before the last delivery.</summary>
    public string? RollbackToImage { get; init; }

    /// <summary>Rollback's explicit task-definition revision number (aws).</summary>
    public string? RollbackToRevision { get; init; }

    public bool IsAws => Platform == DeliveryPlatform.Aws;

    public bool IsLocal => Platform == DeliveryPlatform.Local;

    /// <summary>The environment file path shown in messages, relative to the repository.</summary>
    public string EnvironmentFile => $"deploy/{Environment}.json";

    /// <summary>A path from the settings: relative to the repository, or to the home directory with <c>~/</c>.</summary>
    public string ResolvePath(string path) =>
        path.StartsWith("~/", StringComparison.Ordinal)
            ? Path.Combine(System.Environment.GetFolderPath(System.Environment.SpecialFolder.UserProfile), path[2..])
            : Path.GetFullPath(path, RepositoryRoot);
}
