namespace TikTimer.EndToEnd.Tests.Infrastructure;

/// <summary>The checkout under test: the first directory above the test binaries that holds TikTimer.sln.</summary>
internal static class RepositoryRoot
{
    public static string Find()
    {
        for (var directory = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "TikTimer.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException(
            $"No TikTimer.sln above {TestContext.CurrentContext.TestDirectory}: run the end-to-end tests from a checkout of the repository.");
    }
}
