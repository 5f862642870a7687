using System.Globalization;

namespace TikTimer.Delivery.Docker;

/// <summary>
/// Builds docker command lines as argument lists. Pure, so every flag is
/// unit-tested; nothing here ever receives a secret value.
/// </summary>
public static class DockerArguments
{
    public static IReadOnlyList<string> Build(DockerBuildSettings settings, string contextPath, string? imageIdFile = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentException.ThrowIfNullOrWhiteSpace(contextPath);
        var args = new List<string> { "build" };
        AddOption(args, "--file", settings.File);
        foreach (var tag in settings.Tags)
        {
            args.Add("--tag");
            args.Add(tag);
        }

        AddPairs(args, "--build-arg", settings.BuildArgs);
        AddPairs(args, "--label", settings.Labels);
        AddOption(args, "--platform", settings.Platform);
        AddOption(args, "--network", settings.Network);
        if (settings.Pull)
        {
            args.Add("--pull");
        }

        if (settings.NoCache)
        {
            args.Add("--no-cache");
        }

        AddOption(args, "--target", settings.Target);
        foreach (var source in settings.CacheFrom)
        {
            args.Add("--cache-from");
            args.Add(source);
        }

        AddOption(args, "--iidfile", imageIdFile);
        args.Add(contextPath);
        return args;
    }

    public static IReadOnlyList<string> Tag(string source, string target) => ["tag", source, target];

    /// <summary>The password is never an argument: it goes to standard input.</summary>
    public static IReadOnlyList<string> Login(string server, string username) =>
        ["login", "--username", username, "--password-stdin", server];

    public static IReadOnlyList<string> Logout(string server) => ["logout", server];

    public static IReadOnlyList<string> Push(string reference) => ["push", reference];

    public static IReadOnlyList<string> Pull(string reference) => ["pull", reference];

    public static IReadOnlyList<string> InspectImage(string reference) =>
        ["image", "inspect", "--format", "{{json .}}", reference];

    public static IReadOnlyList<string> InspectContainer(string container) =>
        ["container", "inspect", "--format", "{{json .}}", container];

    /// <summary>
    /// Environment variables are named only (<c>-e NAME</c>); the caller puts
    /// their values in the docker client's environment.
    /// </summary>
    public static IReadOnlyList<string> Run(DockerRunSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var args = new List<string> { "run" };
        if (settings.Detach)
        {
            args.Add("--detach");
        }

        if (settings.Remove)
        {
            args.Add("--rm");
        }

        AddOption(args, "--name", settings.Name);
        AddOption(args, "--network", settings.Network);
        AddOption(args, "--env-file", settings.EnvFile);
        foreach (var name in settings.Environment.Keys.Order(StringComparer.Ordinal))
        {
            args.Add("--env");
            args.Add(name);
        }

        AddPairs(args, "--label", settings.Labels);
        AddOption(args, "--entrypoint", settings.Entrypoint);
        args.Add(settings.Image);
        args.AddRange(settings.Command);
        return args;
    }

    public static IReadOnlyList<string> Logs(string container, DockerLogsSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var args = new List<string> { "logs" };
        if (settings.Since is { } since)
        {
            args.Add("--since");
            args.Add(since.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture));
        }

        if (settings.Follow)
        {
            args.Add("--follow");
        }

        if (settings.Timestamps)
        {
            args.Add("--timestamps");
        }

        args.Add(container);
        return args;
    }

    public static IReadOnlyList<string> Start(string container) => ["start", container];

    // -t, not --time: docker 28 deprecates --time (warning) and docker 20 lacks --timeout.
    public static IReadOnlyList<string> Stop(string container, TimeSpan? grace = null) =>
        grace is { } g
            ? ["stop", "-t", ((int)Math.Ceiling(g.TotalSeconds)).ToString(CultureInfo.InvariantCulture), container]
            : ["stop", container];

    public static IReadOnlyList<string> RemoveContainer(string container, bool force) =>
        force ? ["rm", "--force", container] : ["rm", container];

    public static IReadOnlyList<string> RemoveImage(string image, bool force) =>
        force ? ["image", "rm", "--force", image] : ["image", "rm", image];

    /// <summary>Lists containers (running and stopped) carrying every given label.</summary>
    public static IReadOnlyList<string> Ps(IReadOnlyDictionary<string, string> labels, bool all = true)
    {
        ArgumentNullException.ThrowIfNull(labels);
        var args = new List<string> { "ps", "--no-trunc", "--format", "{{json .}}" };
        if (all)
        {
            args.Add("--all");
        }

        foreach (var (name, value) in labels.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            args.Add("--filter");
            args.Add($"label={name}={value}");
        }

        return args;
    }

    public static IReadOnlyList<string> ServerVersion() => ["info", "--format", "{{.ServerVersion}}"];

    private static void AddOption(List<string> args, string option, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            args.Add(option);
            args.Add(value);
        }
    }

    // Sorted, so the same settings always give the same command (and the same build cache key).
    private static void AddPairs(List<string> args, string option, IReadOnlyDictionary<string, string> pairs)
    {
        foreach (var (name, value) in pairs.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            args.Add(option);
            args.Add($"{name}={value}");
        }
    }
}
