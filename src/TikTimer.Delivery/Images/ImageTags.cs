namespace TikTimer.Delivery.Images;

/// <summary>The tags one build gets.</summary>
/// <param name="Primary">The immutable tag later stages resolve to a digest.</param>
/// <param name="Extra">Configured mutable tags (e.g. <c>latest</c>), moved to the new digest on push.</param>
public sealed record ImageTags(string Primary, IReadOnlyList<string> Extra)
{
    public IEnumerable<string> All => Extra.Prepend(Primary);
}
