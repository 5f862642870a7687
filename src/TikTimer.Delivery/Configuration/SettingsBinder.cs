using System.Globalization;
using TikTimer.Delivery.Smoke;

namespace TikTimer.Delivery.Configuration;

/// <summary>Builds the typed settings from the merged values, reporting bad ones.</summary>
internal static class SettingsBinder
{
    public static DeliverySettings? Bind(SettingValues values, string environment, string repositoryRoot)
    {
        var platform = Platform(values, environment);
        var containerName = values.Text("container-name") ?? "tiktimer-api";
        return new DeliverySettings
        {
            Environment = environment,
            Platform = platform,
            RepositoryRoot = repositoryRoot,
            Region = values.Text("region"),
            AwsProfile = values.Text("aws-profile"),
            ExpectedAccountId = values.Text("expected-account-id"),
            EcsEndpoint = values.Url("ecs-endpoint-url"),
            EcrEndpoint = values.Url("ecr-endpoint-url"),
            LogsEndpoint = values.Url("logs-endpoint-url"),
            StsEndpoint = values.Url("sts-endpoint-url"),
            AwsMaxAttempts = Integer(values, "aws-max-attempts", 1, 10) ?? 3,
            Repository = values.Text("repository") ?? "tiktimer",
            Registry = values.Text("registry") ?? "127.0.0.1:5000",
            RegistryUsername = values.Text("registry-username") ?? "tiktimer",
            RegistryPassword = values.Text("registry-password"),
            RegistryPasswordFile = values.Text("registry-password-file"),
            CreateRepository = values.Boolean("create-repository"),
            TagMutability = (values.Text("tag-mutability") ?? "IMMUTABLE").ToUpperInvariant(),
            ImageTag = values.Text("image-tag"),
            ExtraTags = values.List("extra-tags"),
            Image = values.Text("image"),
            DockerPlatform = values.Text("docker-platform") ?? "linux/amd64",
            Dockerfile = values.Text("dockerfile") ?? "src/TikTimer.Api/Dockerfile",
            ServiceProject = values.Text("service-project"),
            BuildContext = values.Text("build-context"),
            BuildArgs = Pairs(values, "build-args"),
            Cluster = values.Text("cluster"),
            Services = values.List("services") is { Count: > 0 } services ? services : platform == DeliveryPlatform.Local ? ["api"] : [],
            ContainerName = containerName,
            MigrationTaskFamily = values.Text("migration-task-family"),
            MigrationContainerName = values.Text("migration-container-name") ?? containerName,
            MigrationCommand = values.Command("migration-command"),
            Subnets = values.List("subnets"),
            SecurityGroups = values.List("security-groups"),
            AssignPublicIp = values.Boolean("assign-public-ip"),
            LaunchType = (values.Text("launch-type") ?? "FARGATE").ToUpperInvariant(),
            CapacityProvider = values.Text("capacity-provider"),
            PlatformVersion = values.Text("platform-version") ?? "LATEST",
            // The stages' own limits, checked here so a bad value fails before anything is built.
            MigrationTimeout = values.Duration("migration-timeout", Migrations.MigrationOptions.TimeoutRange) ?? TimeSpan.FromMinutes(10),
            DeployTimeout = values.Duration("deploy-timeout", Rollout.RolloutOptions.TimeoutRange) ?? TimeSpan.FromMinutes(15),
            SmokeTimeout = values.Duration("smoke-timeout", SmokeOptions.TimeoutRange) ?? TimeSpan.FromMinutes(2),
            LockTimeout = values.Duration("lock-timeout", Locking.DeliveryLockOptions.TimeoutRange) ?? TimeSpan.FromMinutes(10),
            SmokeBaseUrl = values.Url("smoke-base-url"),
            SmokeChecks = SmokeChecks(values),
            Rollback = values.Raw("rollback") is null || values.Boolean("rollback"),
            Force = values.Boolean("force"),
            SkipTests = values.Boolean("skip-tests"),
            PrintSettings = values.Boolean("print-settings"),
            HealthPath = values.Text("health-path") ?? "/health",
            // "off" too, since an empty environment variable counts as unset.
            SmokeVersionPath = values.Text("smoke-version-path") is { } versionPath && !versionPath.Equals("off", StringComparison.OrdinalIgnoreCase) ? versionPath : null,
            SmokeVersionField = values.Text("smoke-version-field") ?? "version",
            TestCommand = values.Command("test-command"),
            DatabaseUrl = values.Text("database-url"),
            LocalPorts = Ports(values),
            OutputFormat = Format(values),
            RollbackToImage = values.Text("to-image"),
            RollbackToRevision = values.Text("to-revision"),
        };
    }

    private static OutputFormat Format(SettingValues values)
    {
        switch (values.Text("format")?.ToLowerInvariant())
        {
            case null or "text":
                return OutputFormat.Text;
            case "json":
                return OutputFormat.Json;
            default:
                values.Invalid("format", "must be text or json");
                return OutputFormat.Text;
        }
    }

    private static DeliveryPlatform Platform(SettingValues values, string environment)
    {
        var text = values.Text("platform");
        if (text is null)
        {
            return environment == SettingsResolver.LocalEnvironment ? DeliveryPlatform.Local : DeliveryPlatform.Aws;
        }

        if (Enum.TryParse<DeliveryPlatform>(text, ignoreCase: true, out var platform) && !int.TryParse(text, out _))
        {
            return platform;
        }

        values.Invalid("platform", "is not a platform; use aws or local");
        return DeliveryPlatform.Local;
    }

    private static int? Integer(SettingValues values, string key, int min, int max)
    {
        var text = values.Text(key);
        if (text is null)
        {
            return null;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }

        values.Invalid(key, $"is not a whole number from {min} to {max}");
        return null;
    }

    private static Dictionary<string, string> Pairs(SettingValues values, string key)
    {
        var pairs = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var item in values.List(key))
        {
            var separator = item.IndexOf('=', StringComparison.Ordinal);
            if (separator <= 0)
            {
                values.Invalid(key, $"has '{item}', which is not NAME=VALUE");
                continue;
            }

            pairs[item[..separator]] = item[(separator + 1)..];
        }

        return pairs;
    }

    private static List<SmokeCheck> SmokeChecks(SettingValues values)
    {
        var checks = new List<SmokeCheck>();
        foreach (var item in values.List("smoke-checks"))
        {
            if (!SmokeCheck.TryParse(item, out var check))
            {
                values.Invalid("smoke-checks", $"has '{item}', which is not PATH=STATUS (e.g. /metrics=200)");
                continue;
            }

            checks.Add(check);
        }

        return checks;
    }

    private static List<int> Ports(SettingValues values)
    {
        var ports = new List<int>();
        foreach (var item in values.List("local-ports"))
        {
            if (!int.TryParse(item, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1024 or > 65535)
            {
                values.Invalid("local-ports", $"has '{item}', which is not a port from 1024 to 65535");
                continue;
            }

            ports.Add(port);
        }

        return ports;
    }
}
