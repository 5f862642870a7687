namespace TikTimer.Delivery.Docker;

/// <summary>A local image as <c>docker image inspect</c> reports it.</summary>
/// <param name="Id">The image id, <c>sha256:...</c> (the digest of its config).</param>
/// <param name="RepoDigests"><c>repository@sha256:...</c> for each registry it was pushed to or pulled from.</param>
public sealed record DockerImage(
    string Id,
    IReadOnlyList<string> RepoTags,
    IReadOnlyList<string> RepoDigests,
    IReadOnlyDictionary<string, string> Labels);

/// <summary>A container as <c>docker ps</c> lists it.</summary>
public sealed record DockerContainer(
    string Id,
    string Names,
    string Image,
    string State,
    string Status,
    IReadOnlyDictionary<string, string> Labels);

/// <summary>A container's state as <c>docker container inspect</c> reports it.</summary>
/// <param name="Status">created, running, paused, restarting, removing, exited or dead.</param>
public sealed record DockerContainerState(
    string Id,
    string Name,
    string Status,
    bool Running,
    int ExitCode,
    bool OomKilled,
    string Error,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    IReadOnlyDictionary<string, string> Labels);

/// <summary>What <c>docker push</c> reported.</summary>
/// <param name="Digest">The manifest digest from the <c>digest: sha256:...</c> line, when printed.</param>
public sealed record DockerPushResult(string Reference, string? Digest);

/// <summary>What <c>docker run</c> returned.</summary>
/// <param name="ContainerId">Set for detached runs.</param>
/// <param name="ExitCode">The container's exit code for attached runs; 0 for detached runs.</param>
public sealed record DockerRunResult(string? ContainerId, int ExitCode, IReadOnlyList<string> OutputLines);
