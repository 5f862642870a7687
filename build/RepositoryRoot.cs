namespace TikTimer.Build;

/// <summary>Settings paths are relative to the repository, wherever the build is started from.</summary>
internal static class RepositoryRoot
{
    public static string Find(string start)
    {
        for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "TikTimer.sln")))
            {
                return directory.FullName;
            }
        }

        return start;
    }
}
