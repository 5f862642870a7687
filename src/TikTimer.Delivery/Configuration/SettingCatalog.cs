using System.Reflection;
using System.Text.RegularExpressions;
using TikTimer.Delivery.Smoke;
using static TikTimer.Delivery.Configuration.DeliveryTask;
using P = TikTimer.Delivery.Configuration.SettingParsers;

namespace TikTimer.Delivery.Configuration;

/// <summary>
/// Every setting the suite reads, one entry each. Keys are kebab-case
/// everywhere. The binder, --help, --print-settings and the README table are
/// all produced from, or checked against, these entries.
/// <para>Adding a setting is one entry here (key, parser, default, other
/// sources, which tasks read or need it) plus the code that reads it with
/// <c>settings.Get(SettingCatalog.X)</c>; a property on <see cref="DeliverySettings"/>
/// is optional. Then paste the table SettingCatalogTests prints into the README.</para>
/// </summary>
public static partial class SettingCatalog
{
    private const DeliveryTask OnAwsTasks = Validate | PushToEcr | MigrateViaEcs | Deploy;
    private const DeliveryTask UsesDocker = Validate | BuildImage | PushToEcr | MigrateViaEcs | Deploy | SmokeTest;

    // Where and how
    public static readonly Setting<DeliveryPlatform?> Platform = new("platform", P.Platform, "Where the chain runs: 'aws' (ECR, ECS Fargate, CloudWatch Logs) or 'local' (Docker engine, local registry, PostgreSQL)")
    { DefaultDescription = "`local` for the local environment, else `aws`" };

    // AWS access
    public static readonly Setting<string?> Region = new("region", P.Region, "AWS region")
    {
        ExtraEnvironmentVariables = ["AWS_REGION", "AWS_DEFAULT_REGION"], TerraformOutputs = ["aws_region", "region"],
        ReadBy = OnAwsTasks, Required = new(DeliveryPlatform.Aws, OnAwsTasks),
    };

    public static readonly Setting<bool> AllowUnknownRegion = new("allow-unknown-region", P.Boolean, "Accept a region this suite does not know yet (one AWS opened after this release)")
    { Default = "false", ReadBy = OnAwsTasks };

    public static readonly Setting<string?> AwsProfile = new("aws-profile", P.Text, "AWS shared-config profile (SSO profiles included)")
    { ExtraEnvironmentVariables = ["AWS_PROFILE"], ReadBy = OnAwsTasks };

    public static readonly Setting<string?> ExpectedAccountId = new("expected-account-id", P.Matching(AccountId(), "12-digit account id", "a 12-digit AWS account id"), "Refuse to run unless the credentials belong to this AWS account")
    { TerraformOutputs = ["aws_account_id", "account_id"], ReadBy = Validate };

    public static readonly Setting<Uri?> EcsEndpoint = new("ecs-endpoint-url", P.Url, "Override the ECS endpoint")
    { DefaultDescription = "`AWS_ENDPOINT_URL_ECS` / `AWS_ENDPOINT_URL`", ReadBy = OnAwsTasks };

    public static readonly Setting<Uri?> EcrEndpoint = new("ecr-endpoint-url", P.Url, "Override the ECR endpoint")
    { DefaultDescription = "`AWS_ENDPOINT_URL_ECR` / `AWS_ENDPOINT_URL`", ReadBy = OnAwsTasks };

    public static readonly Setting<Uri?> LogsEndpoint = new("logs-endpoint-url", P.Url, "Override the CloudWatch Logs endpoint")
    { DefaultDescription = "`AWS_ENDPOINT_URL_CLOUDWATCH_LOGS` / `AWS_ENDPOINT_URL`", ReadBy = Validate | MigrateViaEcs };

    public static readonly Setting<Uri?> StsEndpoint = new("sts-endpoint-url", P.Url, "Override the STS endpoint")
    { DefaultDescription = "`AWS_ENDPOINT_URL_STS` / `AWS_ENDPOINT_URL`", ReadBy = Validate };

    public static readonly Setting<Uri?> Ec2Endpoint = new("ec2-endpoint-url", P.Url, "Override the EC2 endpoint (Validate's subnet and security group checks)")
    { DefaultDescription = "`AWS_ENDPOINT_URL_EC2` / `AWS_ENDPOINT_URL`", ReadBy = Validate };

    public static readonly Setting<int> AwsMaxAttempts = new("aws-max-attempts", P.Integer(1, 10), "Attempts per AWS call, retries included (AWS SDK standard mode)")
    { Default = "3", ReadBy = OnAwsTasks };

    // Image
    public static readonly Setting<string> Repository = new("repository", P.RepositoryName, "Image repository name (the ECR repository on aws)")
    { Default = "tiktimer", TerraformOutputs = ["ecr_repository_name", "ecr_repository"], ReadBy = Validate | BuildImage | PushToEcr };

    public static readonly Setting<string> Registry = new("registry", P.Required(P.Matching(RegistryHost(), "host[:port]", "a registry host[:port], e.g. 127.0.0.1:5000")), "Registry host of the local platform (ECR's comes from account and region)")
    { Default = "127.0.0.1:5000", ReadBy = Validate | PushToEcr | MigrateViaEcs | Deploy };

    public static readonly Setting<string> RegistryUsername = new("registry-username", P.Required(P.Text), "Local registry user")
    { Default = "tiktimer", ReadBy = Validate | PushToEcr | MigrateViaEcs | Deploy };

    public static readonly Setting<string?> RegistryPassword = new("registry-password", P.Text, "Local registry password (else read from registry-password-file)")
    { IsSecret = true, ReadBy = Validate | PushToEcr | MigrateViaEcs | Deploy };

    public static readonly Setting<string?> RegistryPasswordFile = new("registry-password-file", P.Path, "File holding the local registry password (written by scripts/setup-local.sh)")
    { Default = "~/.local/share/tiktimer/registry/password", ReadBy = Validate | PushToEcr | MigrateViaEcs | Deploy };

    public static readonly Setting<bool> CreateRepository = new("create-repository", P.Boolean, "Create the ECR repository when it does not exist")
    { Default = "false", ReadBy = Validate | PushToEcr };

    public static readonly Setting<string> TagMutability = new("tag-mutability", P.OneOf("IMMUTABLE", "MUTABLE"), "Tag mutability of a repository the suite creates")
    { Default = "IMMUTABLE", ReadBy = PushToEcr };

    public static readonly Setting<string?> ImageTag = new("image-tag", P.ImageTag, "Tag to build and push")
    { DefaultDescription = "the git commit SHA (`-dirty-<time>` when the tree is dirty)", ReadBy = BuildImage | PushToEcr };

    public static readonly Setting<IReadOnlyList<string>> ExtraTags = new("extra-tags", P.ImageTags, "More tags to point at the pushed image, e.g. latest")
    { Absent = [], ReadBy = BuildImage | PushToEcr };

    public static readonly Setting<string?> Image = new("image", P.DigestReference, "An already pushed image for the later steps, instead of BuildImage/PushToEcr")
    { ReadBy = MigrateViaEcs | Deploy };

    public static readonly Setting<string> DockerPlatform = new("docker-platform", P.Required(P.Text), "docker build --platform")
    { Default = "linux/amd64", ReadBy = BuildImage };

    public static readonly Setting<string> Dockerfile = new("dockerfile", P.Required(P.Path), "Dockerfile of the service")
    { Default = "src/TikTimer.Api/Dockerfile", ReadBy = BuildImage, MustExist = PathKind.File };

    public static readonly Setting<string?> ServiceProject = new("service-project", P.Path, "Project dotnet-published into the build context first; empty for a service built by docker build alone")
    { Default = "src/TikTimer.Api/TikTimer.Api.csproj", ReadBy = BuildImage, MustExist = PathKind.File };

    public static readonly Setting<string?> BuildContext = new("build-context", P.Path, "docker build context")
    { DefaultDescription = "the publish output with service-project, else the Dockerfile's folder", ReadBy = BuildImage };

    public static readonly Setting<IReadOnlyDictionary<string, string>> BuildArgs = new("build-args", P.Pairs, "docker build arguments (not for secrets: they stay in the image history)")
    { Absent = new Dictionary<string, string>(), ReadBy = BuildImage };

    public static readonly Setting<string?> DockerPath = new("docker-path", P.Path, "The docker client to use")
    { DefaultDescription = "`docker` on PATH", ReadBy = UsesDocker, MustExist = PathKind.File };

    // ECS
    public static readonly Setting<string?> Cluster = new("cluster", P.Text, "ECS cluster")
    {
        TerraformOutputs = ["ecs_cluster_name", "cluster_name"],
        ReadBy = Validate | MigrateViaEcs | Deploy, Required = new(DeliveryPlatform.Aws, MigrateViaEcs | Deploy),
    };

    public static readonly Setting<IReadOnlyList<string>> Services = new("services", P.List, "ECS service(s) to roll out, concurrently")
    {
        Absent = [], DefaultDescription = "`api` on local (one service only)", TerraformOutputs = ["ecs_service_names", "ecs_service_name", "service_name"],
        ReadBy = Validate | Deploy | SmokeTest, Required = new(DeliveryPlatform.Aws, Deploy),
    };

    public static readonly Setting<string> ContainerName = new("container-name", P.Required(P.Text), "Container whose image is replaced in the service's task definition")
    { Default = "tiktimer-api", TerraformOutputs = ["app_container_name", "container_name"], ReadBy = Validate | MigrateViaEcs | Deploy };

    public static readonly Setting<string?> MigrationTaskFamily = new("migration-task-family", P.Text, "Task-definition family of the migration task")
    {
        ExtraEnvironmentVariables = ["MIGRATION_TASK_FAMILY"], TerraformOutputs = ["migration_task_family"],
        ReadBy = Validate | MigrateViaEcs, Required = new(DeliveryPlatform.Aws, MigrateViaEcs),
    };

    public static readonly Setting<string?> MigrationContainerName = new("migration-container-name", P.Text, "Container of the migration task")
    { DefaultDescription = "`container-name`", ReadBy = Validate | MigrateViaEcs };

    public static readonly Setting<IReadOnlyList<string>?> MigrationCommand = new("migration-command", P.Command, "Command that replaces the migration container's own")
    { DefaultDescription = "the task definition's own", ReadBy = MigrateViaEcs };

    public static readonly Setting<IReadOnlyList<string>> Subnets = new("subnets", P.ListOf(SubnetId(), "comma-separated subnet ids", "a subnet id (subnet-<hex>)"), "Subnets of the migration task's awsvpc network")
    {
        Absent = [], ExtraEnvironmentVariables = ["APP_SUBNET_IDS"], TerraformOutputs = ["app_subnet_ids", "private_subnet_ids"],
        ReadBy = Validate | MigrateViaEcs, Required = new(DeliveryPlatform.Aws, MigrateViaEcs),
    };

    public static readonly Setting<IReadOnlyList<string>> SecurityGroups = new("security-groups", P.ListOf(SecurityGroupId(), "comma-separated security group ids", "a security group id (sg-<hex>)"), "Security groups of the migration task")
    {
        Absent = [], ExtraEnvironmentVariables = ["APP_SECURITY_GROUP"], TerraformOutputs = ["app_security_group_id", "app_security_group_ids"],
        ReadBy = Validate | MigrateViaEcs, Required = new(DeliveryPlatform.Aws, MigrateViaEcs),
    };

    public static readonly Setting<bool> AssignPublicIp = new("assign-public-ip", P.Boolean, "Give the migration task a public IP")
    { Default = "false", ReadBy = MigrateViaEcs };

    public static readonly Setting<string> LaunchType = new("launch-type", P.OneOf("FARGATE", "EC2", "EXTERNAL"), "Launch type of the migration task")
    { Default = "FARGATE", ReadBy = MigrateViaEcs };

    public static readonly Setting<string?> CapacityProvider = new("capacity-provider", P.Text, "Capacity provider of the migration task (wins over launch-type), e.g. FARGATE_SPOT")
    { ReadBy = MigrateViaEcs };

    public static readonly Setting<string> PlatformVersion = new("platform-version", P.Required(P.Text), "Fargate platform version")
    { Default = "LATEST", ReadBy = MigrateViaEcs };

    // Waits and checks
    public static readonly Setting<TimeSpan> MigrationTimeout = new("migration-timeout", P.Duration(Migrations.MigrationOptions.TimeoutRange), "How long the migration may run")
    { Default = "10m", ReadBy = MigrateViaEcs };

    public static readonly Setting<TimeSpan> DeployTimeout = new("deploy-timeout", P.Duration(Rollout.RolloutOptions.TimeoutRange), "How long a rollout may take to become stable")
    { Default = "15m", ReadBy = Deploy };

    public static readonly Setting<TimeSpan> RollbackTimeout = new("rollback-timeout", P.Duration(Rollout.RolloutOptions.TimeoutRange), "How long the rollback after a failed rollout or smoke test may take to become stable")
    { Default = "15m", ReadBy = Deploy | SmokeTest };

    public static readonly Setting<TimeSpan> SmokeTimeout = new("smoke-timeout", P.Duration(SmokeOptions.TimeoutRange), "How long the smoke test keeps retrying")
    { Default = "2m", ReadBy = SmokeTest };

    public static readonly Setting<TimeSpan> LockTimeout = new("lock-timeout", P.Duration(Locking.DeliveryLockOptions.TimeoutRange), "How long a run waits for another delivery of the same environment and service to finish (0s: stop at once)")
    { Default = "10m", ReadBy = PushToEcr | MigrateViaEcs | Deploy | SmokeTest };

    public static readonly Setting<Uri?> SmokeBaseUrl = new("smoke-base-url", P.Url, "Base URL of the live service (the load balancer); a host name means http://host")
    {
        DefaultDescription = "the serving container on local", ExtraEnvironmentVariables = ["ALB_DNS"], TerraformOutputs = ["alb_dns_name", "alb_dns"],
        ReadBy = Validate | SmokeTest, Required = new(DeliveryPlatform.Aws, SmokeTest),
    };

    public static readonly Setting<IReadOnlyList<SmokeCheck>> SmokeChecks = new("smoke-checks", P.SmokeChecks, "Extra smoke checks, e.g. /metrics=200")
    { Absent = [], ReadBy = SmokeTest };

    public static readonly Setting<bool> Rollback = new("rollback", P.Boolean, "Roll back to the previous revision when a rollout or the smoke test fails")
    { Default = "true", ReadBy = Deploy | SmokeTest };

    public static readonly Setting<bool> Force = new("force", P.Boolean, "Start the migration even when another migration task is still running")
    { Default = "false", ReadBy = MigrateViaEcs };

    public static readonly Setting<bool> SkipTests = new("skip-tests", P.Boolean, "Validate without running the unit tests")
    { Default = "false", ReadBy = Validate };

    public static readonly Setting<bool> PrintSettings = new("print-settings", P.Boolean, "Validate prints every resolved setting and where it came from")
    { Default = "false", ReadBy = Validate };

    // What the service offers the suite (its container contract beyond DATABASE_URL and PORT)
    public static readonly Setting<string> HealthPath = new("health-path", P.Required(P.UrlPath), "The service's health endpoint: 200 with {\"status\":\"healthy\"} (local rollouts and SmokeTest)")
    { Default = "/health", ReadBy = Deploy | SmokeTest };

    public static readonly Setting<string?> SmokeVersionPath = new("smoke-version-path", P.OptionalUrlPath, "Where the service reports its version, which SmokeTest requires to be the one deployed")
    { Default = "/", ReadBy = SmokeTest };

    public static readonly Setting<string> SmokeVersionField = new("smoke-version-field", P.Required(P.JsonFieldPath), "JSON field of smoke-version-path holding the version (dots for nested fields)")
    { Default = "version", ReadBy = SmokeTest };

    public static readonly Setting<IReadOnlyList<string>?> TestCommand = new("test-command", P.Command, "The service's own tests, run by Validate from the repository root; empty for none")
    { Default = "dotnet test tests/TikTimer.Api.Tests --filter TestCategory!=Integration&TestCategory!=EndToEnd --nologo", ReadBy = Validate };

    public static readonly Setting<IReadOnlyList<string>?> TestInputs = new("test-inputs", P.Pathspecs, "What test-command reads, as git pathspecs: Validate skips the tests when these files (tracked and untracked, not ignored), the command and the .NET SDKs are unchanged since their last green run; off runs them every time")
    { Default = ".", ReadBy = Validate };

    // Local platform
    public static readonly Setting<string?> DatabaseUrl = new("database-url", P.Matching(PostgresUrl(), "postgres://user:password@host:port/database", "a postgres://user:password@host:port/database URL"), "Database the local platform migrates and serves (a bare DATABASE_URL is not read)")
    {
        Default = "postgres://tiktimer:tiktimer-pw-local@127.0.0.1:5432/tiktimer", DefaultDescription = "the local PostgreSQL of scripts/setup-local.sh",
        IsSecret = true, ReadBy = Validate | MigrateViaEcs | Deploy,
    };

    public static readonly Setting<IReadOnlyList<int>> LocalPorts = new("local-ports", P.PortPair, "Ports on 127.0.0.1 the local service alternates between (blue/green)")
    { Default = "18080,18081", ReadBy = Deploy | SmokeTest };

    // Day-two targets (Plan, Status, Rollback): not chain tasks, so read by no chain task.
    public static readonly Setting<string> Format = new("format", P.OneOf("text", "json"), "Output of Status and Plan: text or json")
    { Default = "text" };

    public static readonly Setting<IReadOnlyList<string>?> PlanMigrationsCommand = new("plan-migrations-command", P.Command, "Plan: command of the image that lists the pending migrations without applying them (local: run in a one-off container against the database); empty for none")
    { Default = "migrate --dry-run" };

    public static readonly Setting<string?> ToImage = new("to-image", P.DigestReference, "Rollback: roll back to this image (repository@sha256:...) instead of the one before the last delivery");

    public static readonly Setting<string?> ToRevision = new("to-revision", P.Text, "Rollback: roll back to the image of this task-definition revision number of the service's family (aws)");

    // Sources
    // Read (and their paths checked) by the resolver itself, before the other settings.
    public static readonly Setting<string?> TerraformOutputsFile = new("terraform-outputs", P.Path, "JSON file written by 'terraform output -json'");

    public static readonly Setting<string?> TerraformDir = new("terraform-dir", P.Path, "Terraform directory to run 'terraform output -json' in");

    /// <summary>Every entry above, in the order written (the order of --help and the README).</summary>
    public static IReadOnlyList<SettingDefinition> All { get; } = typeof(SettingCatalog)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => typeof(SettingDefinition).IsAssignableFrom(f.FieldType))
        .OrderBy(f => f.MetadataToken)
        .Select(f => (SettingDefinition)f.GetValue(null)!)
        .ToList();

    private static readonly Dictionary<string, SettingDefinition> ByKey =
        All.ToDictionary(d => d.Key, StringComparer.OrdinalIgnoreCase);

    public static SettingDefinition? Find(string key) => ByKey.GetValueOrDefault(key);

    /// <summary>The closest known key, for "did you mean" hints on typos.</summary>
    public static string? Suggest(string unknownKey) => NearestName.Find(unknownKey, All.Select(d => d.Key));

    [GeneratedRegex("^subnet-[0-9a-f]{8,17}$")]
    private static partial Regex SubnetId();

    [GeneratedRegex("^sg-[0-9a-f]{8,17}$")]
    private static partial Regex SecurityGroupId();

    [GeneratedRegex("^[0-9]{12}$")]
    private static partial Regex AccountId();

    [GeneratedRegex(@"^[A-Za-z0-9.-]+(:[0-9]{1,5})?$")]
    private static partial Regex RegistryHost();

    [GeneratedRegex(@"^postgres(ql)?://[^\s/@]+(:[^\s@]*)?@[^\s/:@]+(:[0-9]{1,5})?/[^\s/?]+(\?\S*)?$")]
    private static partial Regex PostgresUrl();
}
