using System.Text.RegularExpressions;
using TikTimer.Delivery.Processes;
using TikTimer.Delivery.Reporting;

namespace TikTimer.Delivery.Docker;

/// <summary>
/// The docker client, in the shape of Cake.Docker's aliases but async and
/// secret-safe: passwords go to standard input, container secrets to the
/// client's environment, never to the argument list.
/// </summary>
public sealed partial class DockerCli
{
    public const string SettingKey = "docker-path";

    private readonly IProcessRunner _runner;
    private readonly IDeliveryLog _log;
    private readonly DockerCliOptions _options;
    private string? _executable;

    public DockerCli(IProcessRunner runner, IDeliveryLog log, DockerCliOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(runner);
        ArgumentNullException.ThrowIfNull(log);
        _runner = runner;
        _log = log;
        _options = options ?? new DockerCliOptions();
    }

    public DockerCliOptions Options => _options;

    /// <summary>The same client with its credentials kept in <paramref name="configDirectory"/> (<c>DOCKER_CONFIG</c>).</summary>
    public DockerCli WithConfigDirectory(string? configDirectory) =>
        new(_runner, _log, _options with { ConfigDirectory = configDirectory });

    /// <summary>The same client authenticated to <see cref="DockerCredentialScope.Server"/> for push and pull, without <c>docker login</c>.</summary>
    public DockerCli WithCredentials(DockerCredentialScope credentials)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        return new(_runner, _log, _options with { ConfigDirectory = null, Environment = credentials.Environment });
    }

    /// <summary>The same client naming <paramref name="step"/> in its failure messages.</summary>
    public DockerCli ForStep(string step) => new(_runner, _log, _options with { Step = step });

    /// <summary>The full path of the docker client; a clear error when it is missing.</summary>
    public string Executable => _executable ??= ExecutableLocator.Require(
        "docker",
        _options.ExecutablePath,
        SettingKey,
        "Install the Docker client and engine (Debian: apt-get install docker.io).");

    /// <summary>True when the client is installed and the engine answers.</summary>
    public async Task<bool> IsAvailableAsync(CancellationToken cancellationToken = default)
    {
        if (_options.ExecutablePath is null && ExecutableLocator.Find("docker") is null)
        {
            return false;
        }

        var result = await RunAsync(DockerArguments.ServerVersion(), cancellationToken, throwOnFailure: false).ConfigureAwait(false);
        return result.Succeeded && !string.IsNullOrWhiteSpace(result.Output);
    }

    /// <summary>Builds an image, streaming the build output to the log, and returns its id (<c>sha256:...</c>).</summary>
    public async Task<string> BuildAsync(DockerBuildSettings settings, string contextPath, CancellationToken cancellationToken = default)
    {
        var idFile = Path.Combine(Path.GetTempPath(), $"tiktimer-iid-{Guid.NewGuid():N}");
        try
        {
            await RunAsync(DockerArguments.Build(settings, contextPath, idFile), cancellationToken, stream: _log.Information).ConfigureAwait(false);
            var imageId = File.Exists(idFile) ? (await File.ReadAllTextAsync(idFile, cancellationToken).ConfigureAwait(false)).Trim() : string.Empty;
            return imageId.Length > 0
                ? imageId
                : throw new DeliveryException($"{_options.Step}: docker build of {contextPath} succeeded but reported no image id.");
        }
        finally
        {
            File.Delete(idFile);
        }
    }

    public Task TagAsync(string source, string target, CancellationToken cancellationToken = default) =>
        RunAsync(DockerArguments.Tag(source, target), cancellationToken);

    /// <summary>
    /// Logs in with the password on standard input only. The password is
    /// registered as a secret first, so no later line can print it.
    /// </summary>
    public async Task LoginAsync(string server, string username, string password, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(password);
        _log.RegisterSecret(password);
        await RunAsync(DockerArguments.Login(server, username), cancellationToken, standardInput: password).ConfigureAwait(false);
        _log.Information($"Logged in to {server} as {username}.");
    }

    public Task LogoutAsync(string server, CancellationToken cancellationToken = default) =>
        RunAsync(DockerArguments.Logout(server), cancellationToken, throwOnFailure: false);

    /// <summary>Pulls an image (by digest or tag), streaming progress to the log.</summary>
    public Task PullAsync(string reference, CancellationToken cancellationToken = default) =>
        RunAsync(DockerArguments.Pull(reference), cancellationToken, stream: _log.Information);

    /// <summary>Pushes, streaming progress to the log; the digest is read from the <c>digest: sha256:...</c> line.</summary>
    public async Task<DockerPushResult> PushAsync(string reference, CancellationToken cancellationToken = default)
    {
        var result = await RunAsync(DockerArguments.Push(reference), cancellationToken, stream: _log.Information).ConfigureAwait(false);
        return new DockerPushResult(reference, ParsePushDigest(result.OutputLines));
    }

    /// <summary>The local image, or null when there is none by that name or id.</summary>
    public async Task<DockerImage?> InspectImageAsync(string reference, CancellationToken cancellationToken = default)
    {
        var result = await RunAsync(DockerArguments.InspectImage(reference), cancellationToken, throwOnFailure: false).ConfigureAwait(false);
        return Found(result, DockerArguments.InspectImage(reference)) ? DockerJson.ParseImage(result.Output) : null;
    }

    /// <summary>The container's state, or null when there is no such container.</summary>
    public async Task<DockerContainerState?> InspectContainerAsync(string container, CancellationToken cancellationToken = default)
    {
        var result = await RunAsync(DockerArguments.InspectContainer(container), cancellationToken, throwOnFailure: false).ConfigureAwait(false);
        return Found(result, DockerArguments.InspectContainer(container)) ? DockerJson.ParseContainerState(result.Output) : null;
    }

    /// <summary>
    /// Runs a container. Detached: returns its id at once. Attached: streams
    /// its output to <paramref name="onLine"/> and returns its exit code
    /// (a non-zero exit is the container's result, not a failure of this call).
    /// </summary>
    public async Task<DockerRunResult> RunAsync(DockerRunSettings settings, Action<string>? onLine = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        foreach (var name in settings.Environment.Keys)
        {
            EnsureForwardable(name);
        }

        foreach (var value in settings.Environment.Values)
        {
            _log.RegisterSecret(value);
        }

        var environment = settings.Environment.ToDictionary(p => p.Key, p => (string?)p.Value, StringComparer.Ordinal);
        var result = await RunAsync(
            DockerArguments.Run(settings),
            cancellationToken,
            stream: settings.Detach ? null : onLine,
            throwOnFailure: settings.Detach,
            environment: environment).ConfigureAwait(false);
        return settings.Detach
            ? new DockerRunResult(result.OutputLines.LastOrDefault(l => l.Length > 0)?.Trim(), 0, result.OutputLines)
            : new DockerRunResult(null, result.ExitCode, [.. result.OutputLines, .. result.ErrorLines]);
    }

    /// <summary>Streams a container's log lines (both of its streams) to <paramref name="onLine"/>.</summary>
    public Task LogsAsync(string container, DockerLogsSettings settings, Action<string> onLine, CancellationToken cancellationToken = default) =>
        RunAsync(DockerArguments.Logs(container, settings), cancellationToken, stream: onLine);

    /// <summary>
    /// Like <see cref="LogsAsync(string, DockerLogsSettings, Action{string}, CancellationToken)"/>, but tells the
    /// container's standard output and error apart (the client prints them on its own two streams,
    /// so their relative order is lost and must be rebuilt from timestamps).
    /// </summary>
    public Task LogsAsync(string container, DockerLogsSettings settings, Action<string> onOutputLine, Action<string> onErrorLine, CancellationToken cancellationToken = default) =>
        RunAsync(DockerArguments.Logs(container, settings), cancellationToken, stream: onOutputLine, errorStream: onErrorLine);

    /// <summary>Starts a stopped container again, with the configuration it was created with.</summary>
    public Task StartAsync(string container, CancellationToken cancellationToken = default) =>
        RunAsync(DockerArguments.Start(container), cancellationToken);

    public Task StopAsync(string container, TimeSpan? grace = null, CancellationToken cancellationToken = default) =>
        RunAsync(DockerArguments.Stop(container, grace), cancellationToken);

    public Task RemoveContainerAsync(string container, bool force = false, CancellationToken cancellationToken = default) =>
        RunAsync(DockerArguments.RemoveContainer(container, force), cancellationToken);

    public Task RemoveImageAsync(string image, bool force = false, CancellationToken cancellationToken = default) =>
        RunAsync(DockerArguments.RemoveImage(image, force), cancellationToken);

    /// <summary>Containers, running or stopped, that carry every given label.</summary>
    public async Task<IReadOnlyList<DockerContainer>> PsAsync(IReadOnlyDictionary<string, string> labels, CancellationToken cancellationToken = default)
    {
        var result = await RunAsync(DockerArguments.Ps(labels), cancellationToken).ConfigureAwait(false);
        return [.. result.OutputLines.Where(l => l.StartsWith('{')).Select(DockerJson.ParsePsLine)];
    }

    /// <summary>The manifest digest from push output such as <c>abc: digest: sha256:... size: 528</c>.</summary>
    public static string? ParsePushDigest(IEnumerable<string> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        return lines.Select(l => PushDigest().Match(l)).LastOrDefault(m => m.Success)?.Groups[1].Value;
    }

    private Task<ProcessResult> RunAsync(
        IReadOnlyList<string> arguments,
        CancellationToken cancellationToken,
        Action<string>? stream = null,
        bool throwOnFailure = true,
        string? standardInput = null,
        Dictionary<string, string?>? environment = null,
        Action<string>? errorStream = null)
    {
        environment ??= new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var (name, value) in _options.Environment)
        {
            environment[name] = value;
        }

        if (_options.ConfigDirectory is not null)
        {
            environment["DOCKER_CONFIG"] = _options.ConfigDirectory;
        }

        var spec = new ProcessSpec(Executable, arguments)
        {
            Environment = environment,
            StandardInput = standardInput,
            OnOutputLine = stream,
            OnErrorLine = errorStream ?? stream,
            ThrowOnFailure = throwOnFailure,
            Step = _options.Step,
        };
        _log.Verbose("> " + spec.DisplayCommand);
        return _runner.RunAsync(spec, cancellationToken);
    }

    private bool Found(ProcessResult result, IReadOnlyList<string> arguments)
    {
        if (result.Succeeded)
        {
            return true;
        }

        if (result.Error.Contains("no such", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        throw new ProcessFailedException(new ProcessSpec(Executable, arguments) { Step = _options.Step }, result);
    }

    // The value travels in the docker client's own environment, so a name the
    // client itself reads would change what the client does.
    private void EnsureForwardable(string name)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Contains('=', StringComparison.Ordinal)
            || name.StartsWith("DOCKER_", StringComparison.OrdinalIgnoreCase)
            || name is "PATH" or "HOME" or "HTTP_PROXY" or "HTTPS_PROXY" or "NO_PROXY")
        {
            throw new DeliveryException(
                $"{_options.Step}: the container variable '{name}' cannot be passed through the docker client's environment. Rename it or pass it with an env file.");
        }
    }

    [GeneratedRegex(@"digest: (sha256:[0-9a-f]{64})")]
    private static partial Regex PushDigest();
}
