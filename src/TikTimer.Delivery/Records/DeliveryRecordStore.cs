using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace TikTimer.Delivery.Records;

/// <summary>
/// The delivery records of a repository, one JSON file per run under <c>.artifacts/deliveries/</c>,
/// named so that the file name orders them by time (<c>20261201T123000Z-dev-deploy.json</c>).
/// </summary>
public sealed class DeliveryRecordStore
{
    public const string RelativeDirectory = ".artifacts/deliveries";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public DeliveryRecordStore(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        Directory = directory;
    }

    public string Directory { get; }

    public static DeliveryRecordStore ForRepository(string repositoryRoot) =>
        new(Path.Combine(repositoryRoot, RelativeDirectory));

    /// <summary>Writes <paramref name="record"/> and returns its path; never overwrites an earlier record.</summary>
    public string Write(DeliveryRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        System.IO.Directory.CreateDirectory(Directory);
        var stem = string.Create(
            CultureInfo.InvariantCulture,
            $"{record.FinishedAt.UtcDateTime:yyyyMMdd'T'HHmmss'Z'}-{Safe(record.Environment)}-{Safe(record.Target)}");
        var path = Path.Combine(Directory, stem + ".json");
        for (var n = 2; File.Exists(path); n++)
        {
            path = Path.Combine(Directory, string.Create(CultureInfo.InvariantCulture, $"{stem}-{n}.json"));
        }

        File.WriteAllText(path, JsonSerializer.Serialize(record, Json));
        return path;
    }

    /// <summary>The records of <paramref name="environment"/>, newest first; unreadable files are reported, not skipped silently.</summary>
    public IReadOnlyList<DeliveryRecord> History(string environment)
    {
        if (!System.IO.Directory.Exists(Directory))
        {
            return [];
        }

        var records = new List<DeliveryRecord>();
        foreach (var path in System.IO.Directory.EnumerateFiles(Directory, "*.json"))
        {
            DeliveryRecord? record;
            try
            {
                record = JsonSerializer.Deserialize<DeliveryRecord>(File.ReadAllText(path), Json);
            }
            catch (JsonException error)
            {
                throw new DeliveryException($"The delivery record {path} is not valid JSON ({error.Message}). Move it out of {Directory} or fix it.", error);
            }

            if (record is not null && string.Equals(record.Environment, environment, StringComparison.OrdinalIgnoreCase))
            {
                records.Add(record);
            }
        }

        return [.. records.OrderByDescending(r => r.FinishedAt)];
    }

    /// <summary>The newest record of a run that succeeded and changed what serves, or null.</summary>
    public DeliveryRecord? LastSuccessful(string environment) =>
        History(environment).FirstOrDefault(r => r.Succeeded && r.Revisions.Count > 0);

    public static string Serialize(DeliveryRecord record) => JsonSerializer.Serialize(record, Json);

    private static string Safe(string text) =>
        new([.. text.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-')]);
}
