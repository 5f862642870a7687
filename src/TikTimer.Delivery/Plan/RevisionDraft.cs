using System.Text.Json;
using System.Text.Json.Nodes;

namespace TikTimer.Delivery.Plan;

/// <summary>
/// A platform's view of one revision a delivery would register: the definition it starts from
/// and the one it would register, both as JSON in the same normal form so that only what the
/// delivery changes differs.
/// </summary>
/// <param name="Current">Null when nothing serves or ran yet (a first delivery).</param>
public sealed record RevisionDraft(RevisionKind Kind, string Name, string? CurrentName, JsonObject? Current, string NextName, JsonObject Next)
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public PlannedRevision ToRevision()
    {
        var before = Current is null ? string.Empty : Current.ToJsonString(Indented);
        var diff = TextDiff.Unified(before, Next.ToJsonString(Indented));
        var changes = diff.Count > 0;
        return new PlannedRevision(Kind, Name, CurrentName, changes ? NextName : CurrentName ?? NextName, changes, diff);
    }
}
