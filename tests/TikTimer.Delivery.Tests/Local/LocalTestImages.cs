using TikTimer.Delivery.Docker;
using TikTimer.Delivery.Processes;
using TikTimer.Delivery.Reporting;
using TikTimer.Delivery.Tests.Infrastructure;
using TikTimer.Testing;

namespace TikTimer.Delivery.Tests.Local;

/// <summary>
/// Tiny images for the local platform's integration tests, <c>FROM scratch</c> with static
/// busybox (no base image, no pull, a second to build):
/// a task image whose command is a shell script (<c>sh -c</c>), and a web image that serves
/// <c>/health</c> with busybox httpd on the port in <c>ASPNETCORE_URLS</c>, in one of four
/// modes: healthy, sick (no health file: 404), crash (exits 2 at once) or slow (binds after 3 s).
/// </summary>
public sealed class LocalTestImages : IAsyncDisposable
{
    private const string ServeScript = """
        #!/bin/sh
        port="${ASPNETCORE_URLS##*:}"
        case "$MODE" in
          crash) echo "fatal: cannot reach the database" >&2; exit 2 ;;
          slow) echo "starting slowly"; sleep 3; exec httpd -f -p "127.0.0.1:$port" -h /www ;;
          sick) echo "serving without health on 127.0.0.1:$port"; exec httpd -f -p "127.0.0.1:$port" -h /www-sick ;;
          *) echo "serving on 127.0.0.1:$port"; exec httpd -f -p "127.0.0.1:$port" -h /www ;;
        esac
        """;

    private const string Dockerfile = """
        FROM scratch
        COPY busybox /bin/busybox
        RUN ["/bin/busybox", "--install", "-s", "/bin"]
        COPY serve.sh /serve.sh
        COPY www /www
        COPY www-sick /www-sick
        ARG MODE=healthy
        ENV MODE=$MODE
        ENTRYPOINT ["/bin/sh", "-c"]
        CMD ["exec /bin/sh /serve.sh"]
        """;

    private readonly List<string> _ids = [];
    private readonly string _suffix = Guid.NewGuid().ToString("N")[..8];

    /// <summary>Runs the command given to it as a shell script; with none, serves healthy.</summary>
    public string Task => Tag("healthy");

    public string Healthy => Tag("healthy");

    public string Sick => Tag("sick");

    public string Crash => Tag("crash");

    /// <summary>Binds its port only 3 s after it starts (as a real service does after its start-up), then serves healthy.</summary>
    public string Slow => Tag("slow");

    public static void Require()
    {
        DockerEngine.Require();
        Prerequisite.Require(TinyImageRepository.CanBuild, "busybox-static (/bin/busybox)", "Install it: apt-get install busybox-static");
    }

    public static async Task<LocalTestImages> BuildAsync()
    {
        var images = new LocalTestImages();
        var context = Directory.CreateTempSubdirectory("tiktimer-localplat-");
        try
        {
            File.Copy(TinyImageRepository.BusyboxPath, Path.Combine(context.FullName, "busybox"));
            await File.WriteAllTextAsync(Path.Combine(context.FullName, "serve.sh"), ServeScript.ReplaceLineEndings("\n") + "\n");
            await File.WriteAllTextAsync(Path.Combine(context.FullName, "Dockerfile"), Dockerfile);
            Directory.CreateDirectory(Path.Combine(context.FullName, "www"));
            await File.WriteAllTextAsync(Path.Combine(context.FullName, "www", "health"), """{"status":"healthy"}""");
            await File.WriteAllTextAsync(Path.Combine(context.FullName, "www", "index.html"), "tiktimer");
            Directory.CreateDirectory(Path.Combine(context.FullName, "www-sick"));
            await File.WriteAllTextAsync(Path.Combine(context.FullName, "www-sick", "index.html"), "tiktimer");

            var docker = new DockerCli(new ProcessRunner(), new RecordingDeliveryLog());
            foreach (var mode in new[] { "healthy", "sick", "crash", "slow" })
            {
                var settings = new DockerBuildSettings
                {
                    Tags = [images.Tag(mode)],
                    BuildArgs = new Dictionary<string, string> { ["MODE"] = mode },
                };
                images._ids.Add(await docker.BuildAsync(settings, context.FullName));
            }

            return images;
        }
        catch
        {
            await images.DisposeAsync();
            throw;
        }
        finally
        {
            context.Delete(recursive: true);
        }
    }

    public async ValueTask DisposeAsync() => await DockerEngine.RemoveImagesAsync(_ids);

    private string Tag(string mode) => $"tiktimer-localplat-test/{mode}:{_suffix}";
}
