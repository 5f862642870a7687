using Cake.Core;

namespace Cake.Frosting;

/// <summary>
/// Lets a task say why it is skipped: <c>ShouldRun(ctx) => ctx.ShouldRun(cond, "why")</c>.
/// The engine's criteria message is fixed when a task is registered, so the
/// host picks the reason up right after calling <c>ShouldRun</c> (same thread,
/// synchronous) and prints it when the task is skipped.
/// </summary>
public static class SkipReasons
{
    [ThreadStatic]
    private static string? _latest;

    public static bool ShouldRun(this ICakeContext context, bool criteria, string skipReason)
    {
        ArgumentNullException.ThrowIfNull(context);
        _latest = criteria ? null : skipReason;
        return criteria;
    }

    internal static void Clear() => _latest = null;

    internal static string? Take()
    {
        var reason = _latest;
        _latest = null;
        return reason;
    }
}
