namespace TikTimer.Build.Tests.Bootstrap;

/// <summary>
/// A copy of what the bootstrap scripts build (the host's sources, props, the scripts
/// themselves) in a temporary folder, so tests can add, edit and delete sources and
/// build there without touching the real tree or its build output.
/// </summary>
internal sealed class ScratchRepository : IDisposable
{
    private static readonly string[] Folders = ["build", "src/TikTimer.Delivery", "deploy"];
    private static readonly string[] Files =
        ["build.sh", "build.ps1", "TikTimer.sln", "global.json", "Directory.Build.props", "Directory.Packages.props", "Cake.Engine.props"];

    private ScratchRepository(string root) => Root = root;

    public string Root { get; }

    public static ScratchRepository CopyOf(string repositoryRoot)
    {
        var root = Directory.CreateTempSubdirectory("tiktimer-bootstrap-").FullName;
        foreach (var file in Files)
        {
            File.Copy(Path.Combine(repositoryRoot, file), Path.Combine(root, file));
        }

        foreach (var folder in Folders)
        {
            CopyFolder(Path.Combine(repositoryRoot, folder), Path.Combine(root, folder));
        }

        return new ScratchRepository(root);
    }

    public string PathOf(string relative) => Path.Combine(Root, relative);

    public void Dispose() => Directory.Delete(Root, recursive: true);

    private static void CopyFolder(string source, string target)
    {
        Directory.CreateDirectory(target);
        foreach (var file in Directory.EnumerateFiles(source))
        {
            File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
        }

        foreach (var folder in Directory.EnumerateDirectories(source))
        {
            // Build output of the real tree is not a source, and copying it would hide a cold build.
            if (Path.GetFileName(folder) is not ("bin" or "obj"))
            {
                CopyFolder(folder, Path.Combine(target, Path.GetFileName(folder)));
            }
        }
    }
}
