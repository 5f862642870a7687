using System.Text.RegularExpressions;

namespace TikTimer.Delivery.Aws.Platform;

/// <summary>The ECR repository PushToEcr pushes to.</summary>
public sealed partial record EcrRegistryOptions
{
    /// <summary>The repository name, e.g. <c>tiktimer</c> or <c>team/tiktimer</c>.</summary>
    public required string RepositoryName { get; init; }

    /// <summary>The AWS account that owns the registry (STS GetCallerIdentity's account).</summary>
    public required string AccountId { get; init; }

    public required string Region { get; init; }

    /// <summary>Create the repository when it does not exist (<c>--create-repository=true</c>). Default false: fail, naming it.</summary>
    public bool CreateRepository { get; init; }

    /// <summary>IMMUTABLE (default) or MUTABLE, for a repository this suite creates.</summary>
    public string TagMutability { get; init; } = "IMMUTABLE";

    /// <summary>Scan images on push, for a repository this suite creates. Default true.</summary>
    public bool ScanOnPush { get; init; } = true;

    /// <summary>
    /// <c>host:port</c> that docker logs in and pushes to instead of the account's ECR
    /// endpoint, while the API calls still go to ECR. Null in production; tests point it at a
    /// local registry whose htpasswd holds the credentials the ECR token decodes to.
    /// </summary>
    public string? RegistryAddress { get; init; }

    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(RepositoryName) || !RepositoryNamePattern().IsMatch(RepositoryName))
        {
            problems.Add($"ECR repository name '{RepositoryName}' must be lower-case letters, digits and . _ - / (e.g. tiktimer or team/tiktimer), 2 to 256 characters.");
        }

        if (string.IsNullOrEmpty(AccountId) || AccountId.Length != 12 || !AccountId.All(char.IsAsciiDigit))
        {
            problems.Add($"AWS account id '{AccountId}' must be 12 digits.");
        }

        if (string.IsNullOrWhiteSpace(Region) || !AwsClientOptions.IsRegionName(Region))
        {
            problems.Add($"region '{Region}' is not a region name such as eu-west-1.");
        }

        if (TagMutability is not ("IMMUTABLE" or "MUTABLE"))
        {
            problems.Add($"tag mutability '{TagMutability}' must be IMMUTABLE or MUTABLE (--tag-mutability).");
        }

        if (RegistryAddress is not null && (!Uri.TryCreate($"http://{RegistryAddress}/", UriKind.Absolute, out var uri) || uri.Authority != RegistryAddress))
        {
            problems.Add($"registry address '{RegistryAddress}' must be host or host:port.");
        }

        return problems;
    }

    // ECR's own rule for repository names.
    [GeneratedRegex("^(?=.{2,256}$)[a-z0-9]+(?:[._-][a-z0-9]+)*(?:/[a-z0-9]+(?:[._-][a-z0-9]+)*)*$")]
    private static partial Regex RepositoryNamePattern();
}
