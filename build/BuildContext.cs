using System.Runtime.InteropServices;
using Cake.Core;
using Cake.Frosting;
using TikTimer.Delivery.Configuration;
using TikTimer.Delivery.Platform;
using TikTimer.Delivery.Reporting;

namespace TikTimer.Build;

/// <summary>
/// The run's context: settings resolved once (a bad configuration fails here,
/// before any task runs), the log, the clock and Ctrl-C.
/// </summary>
public sealed class BuildContext : FrostingContext, IOutputRedactor, IDisposable
{
    private readonly CancellationTokenSource _cancellation = new();
    private readonly PosixSignalRegistration _terminate;

    public BuildContext(ICakeContext context, RunPlan plan)
        : base(context)
    {
        var arguments = context.Arguments.GetArguments()
            .Where(a => !HostArguments.HostSwitches.Contains(a.Key))
            .ToDictionary(a => a.Key, a => a.Value.Last(), StringComparer.OrdinalIgnoreCase);
        Resolved = SettingsResolver.Resolve(new SettingsInputs(
            arguments,
            Environment.GetEnvironmentVariable,
            RepositoryRoot.Find(context.Environment.WorkingDirectory.FullPath))
        {
            Tasks = plan.Tasks,
        });
        Delivery = new CakeDeliveryLog(context.Log, CiReporter.MaskSecret);
        foreach (var secret in SecretParts.Of(Settings.RegistryPassword).Concat(SecretParts.OfUrl(Settings.DatabaseUrl)))
        {
            Delivery.RegisterSecret(secret);
        }

        Services = new DeliveryServices(Settings, Delivery, Clock);
        Console.CancelKeyPress += OnCancelKeyPress;

        // CI runners and `docker stop` send SIGTERM, not SIGINT: same clean stop.
        _terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, signal => signal.Cancel = TryCancel());
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

    public string Redact(string text) => Delivery.Redact(text);

    public void Dispose()
    {
        Console.CancelKeyPress -= OnCancelKeyPress;
        _terminate.Dispose();
        Services.Dispose();
        _cancellation.Dispose();
    }

    private void OnCancelKeyPress(object? sender, ConsoleCancelEventArgs e)
    {
        e.Cancel = TryCancel();
    }

    // The first signal lets the running stage clean up (stop its task, say what
    // still runs); a second one ends the process as usual.
    private bool TryCancel()
    {
        if (_cancellation.IsCancellationRequested)
        {
            return false;
        }

        _cancellation.Cancel();
        return true;
    }
}
