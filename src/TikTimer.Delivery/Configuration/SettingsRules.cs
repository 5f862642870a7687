using System.Text.RegularExpressions;

namespace TikTimer.Delivery.Configuration;

/// <summary>Checks that need several settings together, or depend on the platform.</summary>
internal static partial class SettingsRules
{
    public static void Check(DeliverySettings settings, SettingValues values, ICollection<SettingsProblem> problems)
    {
        if (settings.TagMutability is not ("IMMUTABLE" or "MUTABLE"))
        {
            values.Invalid("tag-mutability", "must be IMMUTABLE or MUTABLE");
        }

        if (settings.Image is not null && !settings.Image.Contains("@sha256:", StringComparison.Ordinal))
        {
            values.Invalid("image", "must be pinned by digest, repository@sha256:<64 hex digits>, so later stages cannot race a moving tag");
        }

        foreach (var (key, path) in new[] { ("health-path", settings.HealthPath), ("smoke-version-path", settings.SmokeVersionPath) })
        {
            if (path is not null && (!path.StartsWith('/') || path.Any(char.IsWhiteSpace)))
            {
                values.Invalid(key, "is not a path; write it from the service's root, e.g. /health");
            }
        }

        if (settings.SmokeVersionField.Split('.').Any(name => name.Length == 0))
        {
            values.Invalid("smoke-version-field", "has an empty field name; write e.g. version or build.version");
        }

        if (settings.IsLocal && settings.LocalPorts.Count < 2 && values.Raw("local-ports") is not null)
        {
            values.Invalid("local-ports", "needs two ports, so the new container can start beside the old one");
        }

        if (settings.IsLocal && settings.Services.Count > 1)
        {
            values.Invalid("services", "has more than one service, but the local platform serves one service on its two ports");
        }

        if (settings.IsAws)
        {
            CheckAws(settings, values);
        }
    }

    private static void CheckAws(DeliverySettings settings, SettingValues values)
    {
        const string OnAws = "on the aws platform";
        if (settings.Region is null)
        {
            values.Missing("region", OnAws);
        }

        if (settings.Cluster is null)
        {
            values.Missing("cluster", OnAws);
        }

        if (settings.Services.Count == 0)
        {
            values.Missing("services", OnAws);
        }

        if (settings.MigrationTaskFamily is null)
        {
            values.Missing("migration-task-family", OnAws + " (the team's CI secret MIGRATION_TASK_FAMILY)");
        }

        if (settings.Subnets.Count == 0)
        {
            values.Missing("subnets", OnAws + " for the migration task's awsvpc network (the CI secret APP_SUBNET_IDS)");
        }
        else if (settings.Subnets.FirstOrDefault(s => !SubnetId().IsMatch(s)) is { } badSubnet)
        {
            values.Invalid("subnets", $"has '{badSubnet}', which is not a subnet id (subnet-<hex>)");
        }

        if (settings.SecurityGroups.Count == 0)
        {
            values.Missing("security-groups", OnAws + " for the migration task (the CI secret APP_SECURITY_GROUP)");
        }
        else if (settings.SecurityGroups.FirstOrDefault(s => !SecurityGroupId().IsMatch(s)) is { } badGroup)
        {
            values.Invalid("security-groups", $"has '{badGroup}', which is not a security group id (sg-<hex>)");
        }

        if (settings.SmokeBaseUrl is null && values.Raw("smoke-base-url") is null)
        {
            values.Missing("smoke-base-url", OnAws + " for the smoke test (the CI secret ALB_DNS)");
        }

        if (settings.ExpectedAccountId is { } account && !AccountId().IsMatch(account))
        {
            values.Invalid("expected-account-id", "is not a 12-digit AWS account id");
        }

        if (settings.LaunchType is not ("FARGATE" or "EC2" or "EXTERNAL"))
        {
            values.Invalid("launch-type", "must be FARGATE, EC2 or EXTERNAL");
        }
    }

    [GeneratedRegex("^subnet-[0-9a-f]{8,17}$")]
    private static partial Regex SubnetId();

    [GeneratedRegex("^sg-[0-9a-f]{8,17}$")]
    private static partial Regex SecurityGroupId();

    [GeneratedRegex("^[0-9]{12}$")]
    private static partial Regex AccountId();
}
