namespace TikTimer.Delivery.Local;

/// <summary>The local environment's registry: a distribution registry on the loopback with htpasswd auth.</summary>
/// <param name="Address"><c>host:port</c>, e.g. <c>127.0.0.1:5000</c>. Docker trusts loopback registries over plain HTTP.</param>
/// <param name="RepositoryName">e.g. <c>tiktimer</c>.</param>
/// <param name="Password">A secret.</param>
public sealed record LocalRegistryOptions(string Address, string RepositoryName, string Username, string Password)
{
    /// <summary>How long one registry API call may take before it is reported as unreachable.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    public override string ToString() => $"LocalRegistryOptions {{ Address = {Address}, RepositoryName = {RepositoryName}, Username = {Username}, Password = *** }}";

    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (!Uri.TryCreate($"http://{Address}/", UriKind.Absolute, out var uri) || uri.Authority != Address || uri.IsDefaultPort)
        {
            problems.Add($"registry address '{Address}' must be host:port, e.g. 127.0.0.1:5000.");
        }

        if (string.IsNullOrWhiteSpace(RepositoryName) || RepositoryName != RepositoryName.ToLowerInvariant() || RepositoryName.Contains(':', StringComparison.Ordinal))
        {
            problems.Add($"repository name '{RepositoryName}' must be lower-case with no tag, e.g. tiktimer.");
        }

        if (string.IsNullOrEmpty(Username) || string.IsNullOrEmpty(Password))
        {
            problems.Add("registry username and password must both be set (the registry uses htpasswd auth).");
        }

        return problems;
    }
}
