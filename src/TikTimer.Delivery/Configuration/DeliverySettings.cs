using TikTimer.Delivery.Smoke;

namespace TikTimer.Delivery.Configuration;

/// <summary>
/// Everything one run needs to know, resolved once and immutable. Built only
/// by <see cref="SettingsResolver"/>, which has checked every value. Defaults
/// live in <see cref="SettingCatalog"/> only, so nothing here has an initializer.
/// </summary>
public sealed record DeliverySettings
{
    public required string Environment { get; init; }

    public required DeliveryPlatform Platform { get; init; }

    public required string RepositoryRoot { get; init; }

    // AWS access
    public string? Region { get; init; }

    public required bool AllowUnknownRegion { get; init; }

    public string? AwsProfile { get; init; }

    public string? ExpectedAccountId { get; init; }

    public Uri? EcsEndpoint { get; init; }

    public Uri? EcrEndpoint { get; init; }

    public Uri? LogsEndpoint { get; init; }

    public Uri? StsEndpoint { get; init; }

    public Uri? Ec2Endpoint { get; init; }

    public required int AwsMaxAttempts { get; init; }

    // Image
    public required string Repository { get; init; }

    public required string Registry { get; init; }

    public required string RegistryUsername { get; init; }

    public string? RegistryPassword { get; init; }

    public string? RegistryPasswordFile { get; init; }

    public required bool CreateRepository { get; init; }

    public required string TagMutability { get; init; }

    public string? ImageTag { get; init; }

    public required IReadOnlyList<string> ExtraTags { get; init; }

    public string? Image { get; init; }

    public required string DockerPlatform { get; init; }

    public required string Dockerfile { get; init; }

    public string? ServiceProject { get; init; }

    public string? BuildContext { get; init; }

    public required IReadOnlyDictionary<string, string> BuildArgs { get; init; }

    /// <summary>The docker client; null finds <c>docker</c> on PATH.</summary>
    public string? DockerPath { get; init; }

    // ECS
    public string? Cluster { get; init; }

    public required IReadOnlyList<string> Services { get; init; }

    public required string ContainerName { get; init; }

    public string? MigrationTaskFamily { get; init; }

    public required string MigrationContainerName { get; init; }

    public IReadOnlyList<string>? MigrationCommand { get; init; }

    public required IReadOnlyList<string> Subnets { get; init; }

    public required IReadOnlyList<string> SecurityGroups { get; init; }

    public required bool AssignPublicIp { get; init; }

    public required string LaunchType { get; init; }

    public string? CapacityProvider { get; init; }

    public required string PlatformVersion { get; init; }

    // Waits and checks
    public required TimeSpan MigrationTimeout { get; init; }

    public required TimeSpan DeployTimeout { get; init; }

    public required TimeSpan RollbackTimeout { get; init; }

    public required TimeSpan SmokeTimeout { get; init; }

    public required TimeSpan LockTimeout { get; init; }

    public Uri? SmokeBaseUrl { get; init; }

    public required IReadOnlyList<SmokeCheck> SmokeChecks { get; init; }

    public required bool Rollback { get; init; }

    public required bool Force { get; init; }

    public required bool SkipTests { get; init; }

    public required bool PrintSettings { get; init; }

    // The service's contract
    public required string HealthPath { get; init; }

    /// <summary>Null: the service reports no version, SmokeTest checks none.</summary>
    public string? SmokeVersionPath { get; init; }

    public required string SmokeVersionField { get; init; }

    /// <summary>Null: the service has no tests for Validate to run.</summary>
    public IReadOnlyList<string>? TestCommand { get; init; }

    /// <summary>Git pathspecs of what <see cref="TestCommand"/> reads; null (<c>off</c>): the tests run every time.</summary>
    public IReadOnlyList<string>? TestInputs { get; init; } = ["."];

    // Local platform
    public string? DatabaseUrl { get; init; }

    public required IReadOnlyList<int> LocalPorts { get; init; }

    /// <summary>Every catalog entry's typed value, as resolved.</summary>
    internal IReadOnlyDictionary<string, object?> Values { get; init; } = new Dictionary<string, object?>();

    /// <summary>Where each given value came from ("terraform output app_subnet_ids", "--subnets", ...), for messages.</summary>
    internal IReadOnlyDictionary<string, string> Sources { get; init; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    // Day-two targets
    public OutputFormat OutputFormat { get; init; } = OutputFormat.Text;

    /// <summary>Rollback's explicit target image (repository@sha256:...), else the image before the last delivery.</summary>
    public string? RollbackToImage { get; init; }

    /// <summary>Rollback's explicit task-definition revision number (aws).</summary>
    public string? RollbackToRevision { get; init; }

    public bool IsAws => Platform == DeliveryPlatform.Aws;

    public bool IsLocal => Platform == DeliveryPlatform.Local;

    /// <summary>
    /// A setting's resolved value, for settings that have no property here: a
    /// new setting needs only its catalog entry and the code that reads it.
    /// </summary>
    public T Get<T>(Setting<T> setting)
    {
        ArgumentNullException.ThrowIfNull(setting);
        return Values.TryGetValue(setting.Key, out var value)
            ? (T)value!
            : throw new InvalidOperationException($"{setting.Key} was not resolved: these settings were not built by SettingsResolver.");
    }

    /// <summary>Where <paramref name="setting"/>'s value came from, e.g. "terraform output app_subnet_ids"; null when not given.</summary>
    public string? SourceOf(SettingDefinition setting)
    {
        ArgumentNullException.ThrowIfNull(setting);
        return Sources.GetValueOrDefault(setting.Key);
    }

    /// <summary>The environment file path shown in messages, relative to the repository.</summary>
    public string EnvironmentFile => $"deploy/{Environment}.json";

    /// <summary>A path from the settings: relative to the repository, or to the home directory with <c>~/</c>.</summary>
    public string ResolvePath(string path) =>
        path.StartsWith("~/", StringComparison.Ordinal)
            ? Path.Combine(System.Environment.GetFolderPath(System.Environment.SpecialFolder.UserProfile), path[2..])
            : Path.GetFullPath(path, RepositoryRoot);
}
