namespace TikTimer.Delivery.Validation;

/// <summary>A check written as a function, for checks that are one call.</summary>
public sealed class DelegateCheck(string name, Func<CancellationToken, Task<string?>> check) : IPrerequisiteCheck
{
    public string Name { get; } = name;

    public Task<string?> CheckAsync(CancellationToken cancellationToken) => check(cancellationToken);
}
