namespace TikTimer.Delivery.Configuration;

/// <summary>What settings are resolved from; tests pass their own environment.</summary>
public sealed record SettingsInputs(
    IReadOnlyDictionary<string, string> Arguments,
    Func<string, string?> GetEnvironmentVariable,
    string RepositoryRoot)
{
    /// <summary>Runs <c>terraform output -json</c> in a directory; replaceable in tests.</summary>
    public Func<string, string> RunTerraformOutput { get; init; } = TerraformOutputSource.RunTerraformOutput;

    /// <summary>
    /// The names of the tasks this run will execute (what --dryrun lists): only
    /// their required settings must be given. Null means the whole chain.
    /// </summary>
    public IReadOnlyCollection<string>? Tasks { get; init; }
}
