using System.Text.Json;
using TikTimer.Delivery.Images;
using TikTimer.Delivery.Reporting;

namespace TikTimer.Delivery.Docker;

/// <summary>
/// Registry credentials for the docker client that never touch the disk. <c>docker login</c>
/// writes them into <c>config.json</c>, which a killed run (<c>kill -9</c> mid-push) leaves
/// behind for anyone who can read the temp directory; an ECR token stays valid for 12 hours.
/// Instead a private <c>DOCKER_CONFIG</c> names a credential helper for the one registry, and
/// the helper (a script in the same directory) prints the credential from its environment,
/// which it inherits from the docker client's. Neither file holds a secret, so one left by a
/// crash is harmless; later scopes still remove those older than a day.
/// </summary>
/// <remarks>
/// The secret is in the environment of the docker client and its helper, as DATABASE_URL is in a
/// container's: readable only by the same user or root, never in arguments or files.
/// </remarks>
public sealed class DockerCredentialScope : IDisposable
{
    public const string HelperName = "tiktimer";
    public const string CredentialVariable = "TIKTIMER_DOCKER_CREDENTIAL";
    private const string DirectoryPrefix = "tiktimer-docker-auth-";

    private readonly DirectoryInfo _directory;

    private DockerCredentialScope(DirectoryInfo directory, IReadOnlyDictionary<string, string?> environment, string server)
    {
        _directory = directory;
        Environment = environment;
        Server = server;
    }

    /// <summary>The registry the credential is for (<c>host[:port]</c>).</summary>
    public string Server { get; }

    /// <summary>What the docker client's environment needs: DOCKER_CONFIG, PATH with the helper, the credential.</summary>
    public IReadOnlyDictionary<string, string?> Environment { get; }

    public string ConfigDirectory => _directory.FullName;

    public static DockerCredentialScope Create(RegistryLogin login, IDeliveryLog log)
    {
        ArgumentNullException.ThrowIfNull(login);
        ArgumentNullException.ThrowIfNull(log);
        log.RegisterSecret(login.Password);
        RemoveStale(TimeSpan.FromDays(1));
        var directory = Directory.CreateTempSubdirectory(DirectoryPrefix);
        var config = JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["credHelpers"] = new Dictionary<string, string> { [login.ServerAddress] = HelperName },
        });
        File.WriteAllText(Path.Combine(directory.FullName, "config.json"), config);
        WriteHelper(directory.FullName);

        var credential = JsonSerializer.Serialize(new Dictionary<string, string>
        {
            ["ServerURL"] = login.ServerAddress,
            ["Username"] = login.Username,
            ["Secret"] = login.Password,
        });
        log.RegisterSecret(credential);
        var path = System.Environment.GetEnvironmentVariable("PATH");
        var environment = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["DOCKER_CONFIG"] = directory.FullName,
            ["PATH"] = string.IsNullOrEmpty(path) ? directory.FullName : directory.FullName + Path.PathSeparator + path,
            [CredentialVariable] = credential,
        };
        return new DockerCredentialScope(directory, environment, login.ServerAddress);
    }

    public void Dispose()
    {
        try
        {
            _directory.Delete(recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static void WriteHelper(string directory)
    {
        // The docker credential-helper protocol: "get" reads the server on stdin and prints
        // {"ServerURL","Username","Secret"}; "store"/"erase" (login, logout) are not used.
        if (OperatingSystem.IsWindows())
        {
            File.WriteAllText(
                Path.Combine(directory, $"docker-credential-{HelperName}.cmd"),
                "@powershell -NoProfile -NonInteractive -Command \"[Console]::Out.Write($env:" + CredentialVariable + ")\"\r\n");
            return;
        }

        var helper = Path.Combine(directory, $"docker-credential-{HelperName}");
        File.WriteAllText(helper, $"#!/bin/sh\nif [ \"$1\" = get ]; then cat >/dev/null; printf '%s' \"${CredentialVariable}\"; fi\n");
        File.SetUnixFileMode(helper, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    private static void RemoveStale(TimeSpan age)
    {
        try
        {
            foreach (var stale in new DirectoryInfo(Path.GetTempPath()).EnumerateDirectories(DirectoryPrefix + "*")
                .Where(d => DateTime.UtcNow - d.LastWriteTimeUtc > age))
            {
                stale.Delete(recursive: true);
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
