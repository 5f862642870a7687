namespace TikTimer.Delivery.Configuration;

/// <summary>Every setting the suite reads. Keys are kebab-case everywhere.</summary>
public static class SettingCatalog
{
    public static IReadOnlyList<SettingDefinition> All { get; } =
    [
        new("platform", SettingKind.Text, "Where the chain runs: 'aws' (ECR, ECS Fargate, CloudWatch Logs) or 'local' (Docker engine, local registry, PostgreSQL)"),
        new("region", SettingKind.Text, "AWS region", ExtraEnvironmentVariables: ["AWS_REGION", "AWS_DEFAULT_REGION"], TerraformOutputs: ["aws_region", "region"]),
        new("aws-profile", SettingKind.Text, "AWS shared-config profile (SSO profiles included)", ExtraEnvironmentVariables: ["AWS_PROFILE"]),
        new("expected-account-id", SettingKind.Text, "Refuse to run unless the credentials belong to this 12-digit AWS account", TerraformOutputs: ["aws_account_id", "account_id"]),
        new("ecs-endpoint-url", SettingKind.Url, "Override the ECS endpoint (else AWS_ENDPOINT_URL_ECS / AWS_ENDPOINT_URL)"),
        new("ecr-endpoint-url", SettingKind.Url, "Override the ECR endpoint (else AWS_ENDPOINT_URL_ECR / AWS_ENDPOINT_URL)"),
        new("logs-endpoint-url", SettingKind.Url, "Override the CloudWatch Logs endpoint (else AWS_ENDPOINT_URL_CLOUDWATCH_LOGS / AWS_ENDPOINT_URL)"),
        new("sts-endpoint-url", SettingKind.Url, "Override the STS endpoint (else AWS_ENDPOINT_URL_STS / AWS_ENDPOINT_URL)"),
        new("aws-max-attempts", SettingKind.Text, "Attempts per AWS call, retries included (AWS SDK standard mode: 3)", "3"),

        new("repository", SettingKind.Text, "Image repository name (ECR repository on aws)", "tiktimer", TerraformOutputs: ["ecr_repository_name", "ecr_repository"]),
        new("registry", SettingKind.Text, "Registry host for the local platform (ECR's is derived from account and region)", "127.0.0.1:5000"),
        new("registry-username", SettingKind.Text, "Local registry user", "tiktimer"),
        new("registry-password", SettingKind.Text, "Local registry password", IsSecret: true),
        new("registry-password-file", SettingKind.Text, "File holding the local registry password (written by scripts/setup-local.sh)", "~/.local/share/tiktimer/registry/password"),
        new("create-repository", SettingKind.Boolean, "Create the ECR repository when it does not exist", "false"),
        new("tag-mutability", SettingKind.Text, "Tag mutability of a repository the suite creates: IMMUTABLE or MUTABLE", "IMMUTABLE"),
        new("image-tag", SettingKind.Text, "Tag to build and push (default: the full git commit SHA, marked when the tree is dirty)"),
        new("extra-tags", SettingKind.List, "More tags to point at the pushed image, e.g. latest"),
        new("image", SettingKind.Text, "An already pushed image (repository@sha256:...) for the later stages, instead of BuildImage/PushToEcr"),
        new("docker-platform", SettingKind.Text, "docker build --platform", "linux/amd64"),
        new("dockerfile", SettingKind.Text, "Dockerfile of the service", "src/TikTimer.Api/Dockerfile"),
        new("service-project", SettingKind.Text, "Project dotnet-published into the build context first; empty for a service built by docker build alone", "src/TikTimer.Api/TikTimer.Api.csproj"),
        new("build-context", SettingKind.Text, "docker build context (default: the publish output with service-project, else the Dockerfile's folder)"),
        new("build-args", SettingKind.List, "docker build arguments, NAME=VALUE"),

        new("cluster", SettingKind.Text, "ECS cluster", TerraformOutputs: ["ecs_cluster_name", "cluster_name"]),
        new("services", SettingKind.List, "ECS service(s) to roll out (local: one name, default api)", TerraformOutputs: ["ecs_service_names", "ecs_service_name", "service_name"]),
        new("container-name", SettingKind.Text, "Container whose image is replaced in the service's task definition", "tiktimer-api", TerraformOutputs: ["app_container_name", "container_name"]),
        new("migration-task-family", SettingKind.Text, "Task-definition family of the migration task", ExtraEnvironmentVariables: ["MIGRATION_TASK_FAMILY"], TerraformOutputs: ["migration_task_family"]),
        new("migration-container-name", SettingKind.Text, "Container of the migration task (default: container-name)"),
        new("migration-command", SettingKind.Text, "Command that replaces the migration container's own (default: keep the task definition's)"),
        new("subnets", SettingKind.List, "Subnets of the migration task (comma-separated)", ExtraEnvironmentVariables: ["APP_SUBNET_IDS"], TerraformOutputs: ["app_subnet_ids", "private_subnet_ids"]),
        new("security-groups", SettingKind.List, "Security groups of the migration task (comma-separated)", ExtraEnvironmentVariables: ["APP_SECURITY_GROUP"], TerraformOutputs: ["app_security_group_id", "app_security_group_ids"]),
        new("assign-public-ip", SettingKind.Boolean, "Give the migration task a public IP", "false"),
        new("launch-type", SettingKind.Text, "Launch type of the migration task", "FARGATE"),
        new("capacity-provider", SettingKind.Text, "Capacity provider for the migration task (instead of the launch type), e.g. FARGATE_SPOT"),
        new("platform-version", SettingKind.Text, "Fargate platform version", "LATEST"),

        new("migration-timeout", SettingKind.Duration, "How long the migration may run", "10m"),
        new("deploy-timeout", SettingKind.Duration, "How long a rollout may take to become stable", "15m"),
        new("smoke-timeout", SettingKind.Duration, "How long the smoke test keeps retrying", "2m"),
        new("lock-timeout", SettingKind.Duration, "How long a run waits for another delivery of the same environment and service to finish (0s: stop at once)", "10m"),
        new("smoke-base-url", SettingKind.Url, "Base URL of the live service (the load balancer)", ExtraEnvironmentVariables: ["ALB_DNS"], TerraformOutputs: ["alb_dns_name", "alb_dns"]),
        new("smoke-checks", SettingKind.List, "Extra smoke checks, PATH=STATUS (e.g. /metrics=200)"),
        new("rollback", SettingKind.Boolean, "Roll back to the previous revision when a rollout or the smoke test fails", "true"),
        new("force", SettingKind.Boolean, "Start the migration even when another migration task is still running", "false"),
        new("skip-tests", SettingKind.Boolean, "Validate without running the unit tests", "false"),
        new("print-settings", SettingKind.Boolean, "Validate prints every resolved setting and where it came from", "false"),

        // What the service offers the suite (its container contract beyond DATABASE_URL and PORT).
        new("health-path", SettingKind.Text, "The service's health endpoint: 200 with {\"status\":\"healthy\"} (local rollouts and SmokeTest)", "/health"),
        new("smoke-version-path", SettingKind.Text, "Where the service reports its version, which SmokeTest requires to be the one deployed; empty or off for a service that reports none", "/"),
        new("smoke-version-field", SettingKind.Text, "JSON field of smoke-version-path holding the version (dots for nested fields)", "version"),
        new("test-command", SettingKind.Text, "The service's own tests, run by Validate from the repository root; empty for none", "dotnet test tests/TikTimer.Api.Tests --filter TestCategory!=Integration&TestCategory!=EndToEnd --nologo"),

        new("database-url", SettingKind.Text, "Database the local platform migrates and serves (postgres://...)", "postgres://tiktimer:tiktimer-local@127.0.0.1:5432/tiktimer", IsSecret: true),
        new("local-ports", SettingKind.List, "Ports the local service alternates between on 127.0.0.1 (blue/green)", "18080,18081"),

        // Day-two targets: Status, Rollback, Plan.
        new("format", SettingKind.Text, "Output of Status and Plan: text or json", "text"),
        new("to-image", SettingKind.Text, "Rollback: roll back to this image (repository@sha256:...) instead of the one before the last delivery"),
        new("to-revision", SettingKind.Text, "Rollback: roll back to this task-definition revision number (aws) instead of the one before the last delivery"),

        new("terraform-outputs", SettingKind.Text, "JSON file written by 'terraform output -json'"),
        new("terraform-dir", SettingKind.Text, "Terraform directory to run 'terraform output -json' in"),
    ];

    private static readonly Dictionary<string, SettingDefinition> ByKey =
        All.ToDictionary(d => d.Key, StringComparer.OrdinalIgnoreCase);

    public static SettingDefinition? Find(string key) => ByKey.GetValueOrDefault(key);

    /// <summary>The closest known key, for "did you mean" hints on typos.</summary>
    public static string? Suggest(string unknownKey)
    {
        var best = All
            .Select(d => (d.Key, Distance: EditDistance(unknownKey.ToLowerInvariant(), d.Key)))
            .OrderBy(x => x.Distance)
            .First();
        return best.Distance <= Math.Max(2, unknownKey.Length / 4) ? best.Key : null;
    }

    private static int EditDistance(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var current = new int[b.Length + 1];
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            previous = current;
        }

        return previous[b.Length];
    }
}
