using System.Diagnostics;
using System.Text.Json;
using TikTimer.Delivery.Aws;
using TikTimer.Delivery.Aws.Http;
using TikTimer.Testing;

namespace TikTimer.Delivery.Tests.Aws.SigV4;

/// <summary>
/// The signer against botocore's reference signer: the checked-in vectors were produced by
/// generate-sigv4-vectors.py (which also checks the AWS test suite's published signatures).
/// </summary>
public class SigV4SignerTests
{
    private static readonly string VectorFile = Path.Combine(TestContext.CurrentContext.TestDirectory, "Aws", "SigV4", "sigv4-vectors.json");

    public static IEnumerable<TestCaseData> Vectors() =>
        Load(VectorFile).Select(v => new TestCaseData(v).SetName($"The signer matches botocore for {v.GetProperty("name").GetString()}"));

    [TestCaseSource(nameof(Vectors))]
    public void The_signer_matches_botocore(JsonElement vector)
    {
        var (request, credentials, region, service, time) = Read(vector);

        var (canonical, _) = SigV4Signer.CanonicalRequest(request);
        var authorization = SigV4Signer.Sign(request, credentials, region, service, time);

        Assert.That(canonical, Is.EqualTo(vector.GetProperty("canonicalRequest").GetString()));
        Assert.That(authorization, Is.EqualTo(vector.GetProperty("authorization").GetString()));
    }

    [Test]
    public void The_checked_in_vectors_are_what_botocore_on_this_machine_produces()
    {
        Prerequisite.Require(BotocoreAvailable(), "python3 with botocore", "Install it with: pip install botocore");
        var fresh = Path.Combine(Path.GetTempPath(), $"sigv4-{Guid.NewGuid():N}.json");
        try
        {
            var script = Path.Combine(TestContext.CurrentContext.TestDirectory, "Aws", "SigV4", "generate-sigv4-vectors.py");
            Assert.That(Run("python3", script, fresh), Is.Zero);

            var expected = Load(VectorFile).Select(v => v.GetProperty("authorization").GetString());
            var actual = Load(fresh).Select(v => v.GetProperty("authorization").GetString());
            Assert.That(actual, Is.EqualTo(expected));
        }
        finally
        {
            File.Delete(fresh);
        }
    }

    private static (SigV4Request, AwsCredentials, string, string, DateTimeOffset) Read(JsonElement v)
    {
        static IReadOnlyList<KeyValuePair<string, string>> Pairs(JsonElement array) =>
            [.. array.EnumerateArray().Select(p => new KeyValuePair<string, string>(p[0].GetString()!, p[1].GetString()!))];

        var request = new SigV4Request(
            v.GetProperty("method").GetString()!,
            v.GetProperty("path").GetString()!,
            Pairs(v.GetProperty("query")),
            Pairs(v.GetProperty("headers")),
            Convert.FromBase64String(v.GetProperty("bodyBase64").GetString()!));
        var credentials = new AwsCredentials(
            v.GetProperty("accessKeyId").GetString()!,
            v.GetProperty("secretAccessKey").GetString()!,
            v.GetProperty("sessionToken").GetString());
        return (request, credentials, v.GetProperty("region").GetString()!, v.GetProperty("service").GetString()!,
            DateTimeOffset.Parse(v.GetProperty("time").GetString()!, System.Globalization.CultureInfo.InvariantCulture));
    }

    private static List<JsonElement> Load(string path) =>
        [.. JsonDocument.Parse(File.ReadAllText(path)).RootElement.GetProperty("cases").EnumerateArray()];

    private static bool BotocoreAvailable()
    {
        try
        {
            return Run("python3", "-c", "import botocore") == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }

    private static int Run(string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        process.StandardOutput.ReadToEnd();
        process.StandardError.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode;
    }
}
