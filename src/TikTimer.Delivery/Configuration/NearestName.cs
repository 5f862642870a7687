namespace TikTimer.Delivery.Configuration;

/// <summary>"Did you mean" for typos: the closest candidate within a few edits.</summary>
internal static class NearestName
{
    public static string? Find(string typed, IEnumerable<string> candidates)
    {
        var lower = typed.ToLowerInvariant();
        var best = candidates
            .Select(c => (Name: c, Distance: EditDistance(lower, c)))
            .OrderBy(x => x.Distance)
            .FirstOrDefault();
        return best.Name is not null && best.Name != typed && best.Distance <= Math.Max(2, typed.Length / 4) ? best.Name : null;
    }

    private static int EditDistance(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var current = new int[b.Length + 1];
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            previous = current;
        }

        return previous[b.Length];
    }
}
