namespace TikTimer.EndToEnd.Tests.Infrastructure;

/// <summary>
/// The names and ports one end-to-end fixture's deployment owns, apart from every other
/// fixture's and from a user's own local deployment, so fixtures can run side by side.
/// </summary>
/// <param name="Environment">The deploy/&lt;name&gt;.json the runs use.</param>
/// <param name="RunsServiceTests">Validate runs the service's test command (else --skip-tests).</param>
/// <param name="ChildEnvironment">More variables for the child, given the scratch database's URL.</param>
internal sealed record Isolation(
    string Environment,
    string Service,
    string Repository,
    string MigrationFamily,
    int[] Ports,
    bool RunsServiceTests,
    Func<string, IReadOnlyDictionary<string, string>> ChildEnvironment)
{
    /// <summary>The C# sample (deploy/local.json). Its tests are `dotnet test`, which must not run inside `dotnet test`.</summary>
    public static Isolation CSharpSample { get; } = new(
        "local", IsolatedBuild.Service, IsolatedBuild.Repository, IsolatedBuild.MigrationFamily, IsolatedBuild.Ports, false, _ => new Dictionary<string, string>());

    /// <summary>
    /// Its BuildImage publishes into the checkout's .artifacts/publish (service-project set), so its
    /// runs take the checkout's <see cref="BuildLock"/>; a docker-build-only service's runs can run at once.
    /// </summary>
    public bool PublishesIntoTheCheckout { get; init; } = true;

    public string ServiceContainerLabel => $"label=tiktimer.service={Service}";

    public string MigrationContainerLabel => $"label=tiktimer.family={MigrationFamily}";
}
