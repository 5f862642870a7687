namespace TikTimer.Delivery.Processes;

/// <summary>
/// One process to run. Arguments are passed one by one (never joined into a
/// command line) so no value is ever re-parsed by a shell. Secrets go through
/// <see cref="StandardInput"/> or <see cref="Environment"/>, never the
/// arguments: an argument list is visible to every user of the machine.
/// </summary>
public sealed record ProcessSpec
{
    public ProcessSpec(string fileName, IEnumerable<string> arguments)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(fileName);
        FileName = fileName;
        Arguments = [.. arguments];
    }

    public string FileName { get; }

    public IReadOnlyList<string> Arguments { get; }

    /// <summary>Defaults to the current directory.</summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>Added to the inherited environment; a null value removes the variable.</summary>
    public IReadOnlyDictionary<string, string?> Environment { get; init; } = new Dictionary<string, string?>();

    /// <summary>Written to the process and then closed; null leaves standard input empty.</summary>
    public string? StandardInput { get; init; }

    /// <summary>Called with each line of standard output as it arrives.</summary>
    public Action<string>? OnOutputLine { get; init; }

    /// <summary>Called with each line of standard error as it arrives.</summary>
    public Action<string>? OnErrorLine { get; init; }

    /// <summary>
    /// When true (the default) a non-zero exit code raises a
    /// <see cref="ProcessFailedException"/>; callers that judge the exit code
    /// themselves (e.g. "image not found") set it to false.
    /// </summary>
    public bool ThrowOnFailure { get; init; } = true;

    /// <summary>The step the process belongs to, named in failure messages (e.g. "BuildImage").</summary>
    public string? Step { get; init; }

    /// <summary>The command as a person would type it, for messages. Holds no secret by construction.</summary>
    public string DisplayCommand =>
        string.Join(' ', new[] { Path.GetFileName(FileName) }.Concat(Arguments.Select(Quote)));

    private static string Quote(string argument) =>
        argument.Length > 0 && !argument.Any(c => char.IsWhiteSpace(c) || c is '"' or '\'')
            ? argument
            : "'" + argument.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
