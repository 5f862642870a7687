namespace TikTimer.Delivery.Processes;

/// <summary>What a finished process left behind.</summary>
public sealed record ProcessResult(int ExitCode, IReadOnlyList<string> OutputLines, IReadOnlyList<string> ErrorLines)
{
    public bool Succeeded => ExitCode == 0;

    public string Output => string.Join('\n', OutputLines);

    public string Error => string.Join('\n', ErrorLines);
}
