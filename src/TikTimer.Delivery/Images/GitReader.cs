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

    public async Task<GitFacts> ReadAsync(string repositoryRoot, CancellationToken cancellationToken = default)
    {
        var git = ExecutableLocator.Require("git", null, null, "Install git (Debian: apt-get install git).");
        var head = await RunAsync(git, repositoryRoot, ["rev-parse", "HEAD"], cancellationToken).ConfigureAwait(false);
        if (!head.Succeeded)
        {
            throw new DeliveryException(
                $"{Step}: cannot read the commit of {repositoryRoot}: it is not a git repository with a commit. The image tag is the commit SHA, so commit first.\n{head.Error}");
        }

        var status = await RequireAsync(git, repositoryRoot, ["status", "--porcelain"], cancellationToken).ConfigureAwait(false);
        var committed = await RequireAsync(git, repositoryRoot, ["show", "-s", "--format=%cI", "HEAD"], cancellationToken).ConfigureAwait(false);
        var origin = await RunAsync(git, repositoryRoot, ["remote", "get-url", "origin"], cancellationToken).ConfigureAwait(false);

        return new GitFacts(
            head.Output.Trim(),
            status.OutputLines.Any(l => l.Length > 0),
            DateTimeOffset.Parse(committed.Output.Trim(), CultureInfo.InvariantCulture),
            origin.Succeeded ? WithoutCredentials(origin.Output.Trim()) : null);
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
