namespace TikTimer.Delivery.Validation;

/// <summary>One thing that must be true before the chain may change anything.</summary>
public interface IPrerequisiteCheck
{
    string Name { get; }

    /// <summary>Null when satisfied; otherwise what is wrong and how to fix it.</summary>
    Task<string?> CheckAsync(CancellationToken cancellationToken);
}
