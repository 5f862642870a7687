using TikTimer.Delivery.Docker;
using TikTimer.Delivery.Processes;
using TikTimer.Delivery.Reporting;
using TikTimer.Testing;

namespace TikTimer.Delivery.Tests.Infrastructure;

/// <summary>The real Docker engine, for integration tests.</summary>
public static class DockerEngine
{
    private static readonly Lazy<bool> Available = new(() =>
        new DockerCli(new ProcessRunner(), new RecordingDeliveryLog()).IsAvailableAsync().GetAwaiter().GetResult());

    public static bool IsAvailable => Available.Value;

    public static void Require() => Prerequisite.Require(
        IsAvailable,
        "A Docker engine",
        "Install docker.io and start the daemon: dockerd --iptables=false --ip6tables=false --bridge=none &");

    /// <summary>Removes images by id, ignoring ones already gone: cleanup must not hide the test's own failure.</summary>
    public static async Task RemoveImagesAsync(IEnumerable<string> imageIds)
    {
        var docker = new DockerCli(new ProcessRunner(), new RecordingDeliveryLog());
        foreach (var id in imageIds.Distinct())
        {
            try
            {
                await docker.RemoveImageAsync(id, force: true);
            }
            catch (DeliveryException)
            {
            }
        }
    }
}
