using Cake.Core;
using Cake.Frosting;
using TikTimer.Delivery.Configuration;
using TikTimer.Delivery.Pipeline;

namespace TikTimer.Build;

/// <summary>
/// The run's context: settings resolved once (a bad configuration fails here,
/// before any task runs), the log, the clock and Ctrl-C.
/// </summary>
public sealed class BuildContext : FrostingContext, IDisposable
{
    private readonly CancellationTokenSource _cancellation = new();

    public BuildContext(ICakeContext context)
        : base(context)
    {
        var arguments = context.Arguments.GetArguments()
            .Where(a => !HostArguments.HostSwitches.Contains(a.Key))
            .ToDictionary(a => a.Key, a => a.Value.Last(), StringComparer.OrdinalIgnoreCase);
        Resolved = SettingsResolver.Resolve(new SettingsInputs(
            arguments,
            Environment.GetEnvironmentVariable,
            RepositoryRoot.Find(context.Environment.WorkingDirectory.FullPath)));
        Delivery = new CakeDeliveryLog(context.Log, CiReporter.MaskSecret);
        foreach (var secret in new[] { Settings.RegistryPassword, Settings.DatabaseUrl })
        {
            if (secret is not null)
            {
                Delivery.RegisterSecret(secret);
            }
        }

        Services = new DeliveryServices(Settings, Delivery, Clock);
        Console.CancelKeyPress += OnCancelKeyPress;
    }

    /// <summary>The real parts (docker, AWS clients, processes) built from the settings.</summary>
    public DeliveryServices Services { get; }

    public ResolvedSettings Resolved { get; }

    public DeliverySettings Settings => Resolved.Settings;

    /// <summary>The library's log: Cake's, with every registered secret masked.</summary>
    public CakeDeliveryLog Delivery { get; }

    public TimeProvider Clock { get; } = TimeProvider.System;

    public PipelineState State { get; } = new();

    /// <summary>Cancelled on Ctrl-C: waits stop and say what is still running.</summary>
    public CancellationToken Cancellation => _cancellation.Token;

    public void Dispose()
    {
        Console.CancelKeyPress -= OnCancelKeyPress;
        Services.Dispose();
        _cancellation.Dispose();
    }

    private void OnCancelKeyPress(object? sender, ConsoleCancelEventArgs e)
    {
        // The first Ctrl-C lets the running stage clean up; a second one ends the process.
        if (!_cancellation.IsCancellationRequested)
        {
            e.Cancel = true;
            _cancellation.Cancel();
        }
    }
}
