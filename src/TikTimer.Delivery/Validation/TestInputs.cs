using System.Security.Cryptography;
using System.Text;
using TikTimer.Delivery.Processes;

namespace TikTimer.Delivery.Validation;

/// <summary>
/// A content hash of everything a test run reads: the command, the files under the
/// <c>test-inputs</c> pathspecs that git sees (tracked, deleted tracked, and untracked
/// files that are not ignored), and for a <c>dotnet</c> command the SDKs it can choose
/// from. Equal keys mean a green run would be repeated on identical inputs.
/// </summary>
/// <remarks>
/// The SDK a <c>dotnet</c> command picks follows from global.json (a file of the tree) and
/// the SDKs installed beside dotnet; listing those folders costs microseconds where
/// <c>dotnet --version</c> costs a second, the price of the whole no-change run.
/// </remarks>
public static class TestInputs
{
    private const string Step = "Validate";

    /// <summary>The files git sees under <paramref name="pathspecs"/> ("." is the whole tree), paths relative to the root.</summary>
    public static async Task<IReadOnlyList<string>> FilesAsync(IProcessRunner processes, string repositoryRoot, IReadOnlyList<string> pathspecs, CancellationToken cancellationToken)
    {
        var git = ExecutableLocator.Find("git")
            ?? throw new DeliveryException($"{Step}: 'git' was not found on PATH; it lists what the tests read. Install git, or pass --test-inputs=off to run the tests every time.");
        var spec = new ProcessSpec(git, ["ls-files", "--cached", "--others", "--exclude-standard", "-z", "--", .. pathspecs])
        {
            WorkingDirectory = repositoryRoot,
            ThrowOnFailure = false,
            Step = Step,
        };
        var listed = await processes.RunAsync(spec, cancellationToken).ConfigureAwait(false);
        if (!listed.Succeeded)
        {
            throw new DeliveryException(
                $"{Step}: cannot list what the tests read with git in {repositoryRoot}: {listed.Error.Trim()}. Run in a git checkout, fix test-inputs (now '{string.Join(',', pathspecs)}'), or pass --test-inputs=off to run the tests every time.");
        }

        // -z: NUL-separated, so any file name survives; the runner splits lines, so join them back.
        return [.. listed.Output.Split('\0', StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
    }

    /// <summary>The SDK folders beside the <c>dotnet</c> on PATH (or DOTNET_ROOT); empty when there is none.</summary>
    public static IReadOnlyList<string> InstalledSdks()
    {
        var root = Environment.GetEnvironmentVariable("DOTNET_ROOT") is { Length: > 0 } configured
            ? configured
            : ExecutableLocator.Find("dotnet") is { } dotnet ? Path.GetDirectoryName(new FileInfo(dotnet).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? dotnet) : null;
        var sdks = root is null ? null : Path.Combine(root, "sdk");
        return sdks is not null && Directory.Exists(sdks)
            ? [.. Directory.EnumerateDirectories(sdks).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal)]
            : [];
    }

    /// <summary>True when the command runs the .NET SDK, whose version then belongs to the key.</summary>
    public static bool RunsDotnet(IReadOnlyList<string> command) =>
        command.Count > 0 && Path.GetFileNameWithoutExtension(command[0]).Equals("dotnet", StringComparison.OrdinalIgnoreCase);

    /// <summary>The key: hex SHA-256 of the command, the SDKs, and each file's path and content (a deleted file counts as such).</summary>
    public static string Key(string repositoryRoot, IReadOnlyList<string> command, IReadOnlyList<string> files, IReadOnlyList<string> sdks)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        void Add(string text) => hash.AppendData(Encoding.UTF8.GetBytes(text + "\0"));
        Add("tiktimer-test-inputs/1");
        Add("command " + string.Join('\u001f', command));
        Add("sdks " + string.Join(',', sdks));
        foreach (var file in files)
        {
            var path = Path.Combine(repositoryRoot, file);
            if (File.Exists(path))
            {
                Add("file " + file + " " + Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path))));
            }
            else
            {
                // Still tracked but gone from the working tree (or a submodule): its absence is what the tests see.
                Add((Directory.Exists(path) ? "directory " : "deleted ") + file);
            }
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
