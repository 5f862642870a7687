using static TikTimer.Delivery.Configuration.SettingCatalog;

namespace TikTimer.Delivery.Configuration;

/// <summary>Builds the typed settings from the merged values, reporting bad ones; defaults come from the catalog.</summary>
internal static class SettingsBinder
{
    public static DeliverySettings Bind(SettingValues values, string environment, string repositoryRoot)
    {
        var platform = values.Get(SettingCatalog.Platform)
            ?? (environment == SettingsResolver.LocalEnvironment ? DeliveryPlatform.Local : DeliveryPlatform.Aws);
        var containerName = values.Get(ContainerName);
        var services = values.Get(Services);
        return new DeliverySettings
        {
            Environment = environment,
            Platform = platform,
            RepositoryRoot = repositoryRoot,
            Region = values.Get(Region),
            AllowUnknownRegion = values.Get(AllowUnknownRegion),
            AwsProfile = values.Get(AwsProfile),
            ExpectedAccountId = values.Get(ExpectedAccountId),
            EcsEndpoint = values.Get(EcsEndpoint),
            EcrEndpoint = values.Get(EcrEndpoint),
            LogsEndpoint = values.Get(LogsEndpoint),
            StsEndpoint = values.Get(StsEndpoint),
            Ec2Endpoint = values.Get(Ec2Endpoint),
            AwsMaxAttempts = values.Get(AwsMaxAttempts),
            Repository = values.Get(Repository),
            Registry = values.Get(Registry),
            RegistryUsername = values.Get(RegistryUsername),
            RegistryPassword = values.Get(RegistryPassword),
            RegistryPasswordFile = values.Get(RegistryPasswordFile),
            CreateRepository = values.Get(CreateRepository),
            TagMutability = values.Get(TagMutability),
            ImageTag = values.Get(ImageTag),
            ExtraTags = values.Get(ExtraTags),
            Image = values.Get(Image),
            DockerPlatform = values.Get(DockerPlatform),
            Dockerfile = values.Get(Dockerfile),
            ServiceProject = values.Get(ServiceProject),
            BuildContext = values.Get(SettingCatalog.BuildContext),
            BuildArgs = values.Get(BuildArgs),
            DockerPath = values.Get(DockerPath),
            Cluster = values.Get(Cluster),
            Services = services.Count == 0 && platform == DeliveryPlatform.Local ? ["api"] : services,
            ContainerName = containerName,
            MigrationTaskFamily = values.Get(MigrationTaskFamily),
            MigrationContainerName = values.Get(MigrationContainerName) ?? containerName,
            MigrationCommand = values.Get(MigrationCommand),
            Subnets = values.Get(Subnets),
            SecurityGroups = values.Get(SecurityGroups),
            AssignPublicIp = values.Get(AssignPublicIp),
            LaunchType = values.Get(LaunchType),
            CapacityProvider = values.Get(CapacityProvider),
            PlatformVersion = values.Get(PlatformVersion),
            MigrationTimeout = values.Get(MigrationTimeout),
            DeployTimeout = values.Get(DeployTimeout),
            RollbackTimeout = values.Get(RollbackTimeout),
            SmokeTimeout = values.Get(SmokeTimeout),
            LockTimeout = values.Get(LockTimeout),
            SmokeBaseUrl = values.Get(SmokeBaseUrl),
            SmokeChecks = values.Get(SmokeChecks),
            Rollback = values.Get(Rollback),
            Force = values.Get(Force),
            SkipTests = values.Get(SkipTests),
            PrintSettings = values.Get(PrintSettings),
            HealthPath = values.Get(HealthPath),
            SmokeVersionPath = values.Get(SmokeVersionPath),
            SmokeVersionField = values.Get(SmokeVersionField),
            TestCommand = values.Get(TestCommand),
            TestInputs = values.Get(TestInputs),
            DatabaseUrl = values.Get(DatabaseUrl),
            LocalPorts = values.Get(LocalPorts),
            OutputFormat = values.Get(Format) == "json" ? OutputFormat.Json : OutputFormat.Text,
            RollbackToImage = values.Get(ToImage),
            RollbackToRevision = values.Get(ToRevision),
        };
    }
}
