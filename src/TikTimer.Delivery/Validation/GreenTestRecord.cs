using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace TikTimer.Delivery.Validation;

/// <summary>
/// The last green run of a test command, kept in <c>.artifacts/test-runs/</c> (one file per
/// command, so two environments with different tests keep their own): its <see cref="TestInputs"/>
/// key and when it passed. Only green runs are recorded; a failed or unreadable record means "run".
/// </summary>
public sealed record GreenTestRecord(string Key, string Command, DateTimeOffset PassedAt)
{
    public const string Folder = ".artifacts/test-runs";

    public static string PathFor(string repositoryRoot, IReadOnlyList<string> command)
    {
        var id = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\u001f', command))))[..16];
        return Path.Combine(repositoryRoot, Folder, id + ".json");
    }

    public static GreenTestRecord? Read(string path)
    {
        try
        {
            return File.Exists(path) ? JsonSerializer.Deserialize<GreenTestRecord>(File.ReadAllText(path)) : null;
        }
        catch (Exception error) when (error is JsonException or IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    public void Write(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(this));
        File.Move(temporary, path, overwrite: true);
    }
}
