namespace TikTimer.Delivery.Configuration;

/// <summary>
/// One setting, complete: its key (also the <c>--key</c> and the key in
/// <c>deploy/&lt;environment&gt;.json</c>), how its text is parsed, its default,
/// where else it can come from, whether it is secret, and which tasks read or
/// need it. Binder, --help, --print-settings and the README table all come from this.
/// </summary>
public abstract record SettingDefinition
{
    public const string EnvironmentPrefix = "TIKTIMER_";

    protected SettingDefinition(string key, string description)
    {
        Key = key;
        Description = description;
    }

    public string Key { get; }

    public string Description { get; }

    /// <summary>The default in the setting's own text form, parsed like any other value.</summary>
    public string? Default { get; init; }

    /// <summary>How the default reads in --help and the README when it is not a fixed text (e.g. "the git commit SHA").</summary>
    public string? DefaultDescription { get; init; }

    public bool IsSecret { get; init; }

    /// <summary>Names the team already uses, read after <c>TIKTIMER_&lt;KEY&gt;</c> (e.g. APP_SUBNET_IDS).</summary>
    public IReadOnlyList<string> ExtraEnvironmentVariables { get; init; } = [];

    /// <summary>Outputs of <c>terraform output -json</c> that provide it, first found wins.</summary>
    public IReadOnlyList<string> TerraformOutputs { get; init; } = [];

    /// <summary>The tasks whose work uses the value (the --help grouping).</summary>
    public DeliveryTask ReadBy { get; init; } = DeliveryTask.Chain;

    /// <summary>Where a value must be given: on which platform, for which tasks. Null: never required.</summary>
    public SettingRequirement? Required { get; init; }

    /// <summary>A path (relative to the repository, or <c>~/</c>) that must exist when a task reading it will run.</summary>
    public PathKind? MustExist { get; init; }

    /// <summary>What a value looks like, from its parser.</summary>
    public abstract string Form { get; }

    public abstract JsonShape Json { get; }

    /// <summary>The prefixed variable first, then the names the team already uses.</summary>
    public IReadOnlyList<string> EnvironmentVariables =>
        [EnvironmentPrefix + Key.ToUpperInvariant().Replace('-', '_'), .. ExtraEnvironmentVariables];

    public string WhereToSet(string environmentFile) =>
        $"--{Key}=..., {string.Join(" or ", EnvironmentVariables)}, or \"{Key}\" in {environmentFile}"
        + (TerraformOutputs.Count > 0 ? $" (or Terraform output {string.Join(" / ", TerraformOutputs)})" : string.Empty);

    /// <summary>Null when the text is valid, else why not.</summary>
    public abstract string? Check(string text);

    /// <summary>Reads this setting's typed value (reporting a bad one), kept for <see cref="DeliverySettings.Get{T}"/>.</summary>
    internal abstract void ReadInto(SettingValues values);
}

/// <summary>A value must be given on <paramref name="Platform"/> when one of <paramref name="Tasks"/> will run.</summary>
public sealed record SettingRequirement(DeliveryPlatform Platform, DeliveryTask Tasks);

public enum PathKind
{
    File,
    Directory,
}
