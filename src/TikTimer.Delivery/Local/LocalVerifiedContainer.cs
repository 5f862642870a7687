namespace TikTimer.Delivery.Local;

/// <summary>
/// Which container of a service last passed the smoke test: the rollback point, kept until a
/// newer container passes. Docker cannot hold it (labels are fixed at creation), so it is one
/// small file per service in <see cref="LocalServiceOptions.StateDirectory"/>, replaced atomically.
/// </summary>
internal sealed class LocalVerifiedContainer(string stateDirectory, string containerNamePrefix)
{
    public string? Read(string service)
    {
        var path = PathOf(service);
        try
        {
            var name = File.Exists(path) ? File.ReadAllText(path).Trim() : null;
            return string.IsNullOrEmpty(name) ? null : name;
        }
        catch (IOException)
        {
            return null;
        }
    }

    public void Write(string service, string container)
    {
        Directory.CreateDirectory(stateDirectory);
        var path = PathOf(service);
        var temporary = $"{path}.{Environment.ProcessId}.tmp";
        File.WriteAllText(temporary, container + "\n");
        File.Move(temporary, path, overwrite: true);
    }

    private string PathOf(string service) =>
        Path.Combine(stateDirectory, $"{LocalNames.ServicePrefix(containerNamePrefix, service)}.verified");
}
