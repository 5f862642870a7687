using System.Globalization;
using TikTimer.Delivery.Processes;

namespace TikTimer.Delivery.Images;

/// <summary>Reads <see cref="GitFacts"/> with the git client.</summary>
public sealed class GitReader
{
    private const string Step = "BuildImage";
    private readonly IProcessRunner _runner;

    public GitReader(IProcessRunner runner)
    {
        ArgumentNullException.ThrowIfNull(runner);
        _runner = runner;
    }

    /// <param name="imageInputs">
    /// Absolute paths (files or directories) whose content can reach the image: the Dockerfile,
    /// the build context, the published project. An untracked file elsewhere (an environment
    /// file, editor files) does not make the tree dirty; a change to any tracked file does,
    /// since it can change the image or the pipeline that builds it. Null: every untracked file counts.
    /// </param>
    public async Task<GitFacts> ReadAsync(string repositoryRoot, IReadOnlyList<string>? imageInputs = null, CancellationToken cancellationToken = default)
    {
        var git = ExecutableLocator.Require("git", null, null, "Install git (Debian: apt-get install git).");
        var head = await RunAsync(git, repositoryRoot, ["rev-parse", "HEAD"], cancellationToken).ConfigureAwait(false);
        if (!head.Succeeded)
        {
            throw new DeliveryException(
                $"{Step}: cannot read the commit of {repositoryRoot}: it is not a git repository with a commit. The image tag is the commit SHA, so commit first.\n{head.Error}");
        }

        var top = await RequireAsync(git, repositoryRoot, ["rev-parse", "--show-toplevel"], cancellationToken).ConfigureAwait(false);
        var status = await RequireAsync(git, repositoryRoot, ["status", "--porcelain=v1", "-z", "--untracked-files=all"], cancellationToken).ConfigureAwait(false);
        var committed = await RequireAsync(git, repositoryRoot, ["show", "-s", "--format=%cI", "HEAD"], cancellationToken).ConfigureAwait(false);
        var origin = await RunAsync(git, repositoryRoot, ["remote", "get-url", "origin"], cancellationToken).ConfigureAwait(false);

        var changes = DirtyChanges(status.Output, top.Output.Trim(), imageInputs);
        return new GitFacts(
            head.Output.Trim(),
            changes.Count > 0,
            DateTimeOffset.Parse(committed.Output.Trim(), CultureInfo.InvariantCulture),
            origin.Succeeded ? WithoutCredentials(origin.Output.Trim()) : null)
        {
            Changes = changes,
        };
    }

    /// <summary>
    /// The entries of <c>git status --porcelain=v1 -z</c> that count as dirty: every tracked
    /// change, and the untracked files inside <paramref name="imageInputs"/>. Pure.
    /// </summary>
    public static IReadOnlyList<string> DirtyChanges(string porcelainZ, string topLevel, IReadOnlyList<string>? imageInputs)
    {
        ArgumentNullException.ThrowIfNull(porcelainZ);
        var entries = porcelainZ.Split('\0', StringSplitOptions.RemoveEmptyEntries);
        var changes = new List<string>();
        for (var i = 0; i < entries.Length; i++)
        {
            var entry = entries[i];
            if (entry.Length < 4)
            {
                continue;
            }

            var code = entry[..2];
            var path = entry[3..];
            if (code[0] is 'R' or 'C')
            {
                i++; // -z gives a rename's source path as the next entry
            }

            if (code != "??" || imageInputs is null || imageInputs.Any(input => IsInside(Path.GetFullPath(path, topLevel), input)))
            {
                changes.Add(path);
            }
        }

        return changes;
    }

    private static bool IsInside(string path, string input)
    {
        var root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(input));
        return path == root || path.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal);
    }

    /// <summary>
    /// A remote URL can carry a token (<c>https://x-access-token:TOKEN@github.com/...</c>,
    /// as CI checkouts do); it ends up in an image label, so the user part is dropped.
    /// </summary>
    public static string? WithoutCredentials(string url)
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            return null;
        }

        if (Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" or "ssh")
        {
            return new UriBuilder(uri) { UserName = string.Empty, Password = string.Empty }.Uri.ToString().TrimEnd('/');
        }

        // scp-like "git@github.com:owner/repo.git" carries no secret.
        return url;
    }

    private async Task<ProcessResult> RequireAsync(string git, string root, string[] arguments, CancellationToken cancellationToken)
    {
        var result = await RunAsync(git, root, arguments, cancellationToken).ConfigureAwait(false);
        return result.Succeeded
            ? result
            : throw new ProcessFailedException(new ProcessSpec(git, arguments) { Step = Step }, result);
    }

    private Task<ProcessResult> RunAsync(string git, string root, string[] arguments, CancellationToken cancellationToken) =>
        _runner.RunAsync(new ProcessSpec(git, arguments) { WorkingDirectory = root, ThrowOnFailure = false, Step = Step }, cancellationToken);
}
