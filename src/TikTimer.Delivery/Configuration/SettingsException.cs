namespace TikTimer.Delivery.Configuration;

/// <summary>The configuration is wrong; raised before anything is changed anywhere.</summary>
public sealed class SettingsException : DeliveryException
{
    public SettingsException(IReadOnlyList<SettingsProblem> problems)
        : base(Describe(problems))
    {
        Problems = problems;
    }

    public IReadOnlyList<SettingsProblem> Problems { get; }

    private static string Describe(IReadOnlyList<SettingsProblem> problems) =>
        $"The configuration has {problems.Count} problem{(problems.Count == 1 ? string.Empty : "s")}; nothing was changed:"
        + string.Concat(problems.Select(p => $"{Environment.NewLine}  - {p}"));
}
