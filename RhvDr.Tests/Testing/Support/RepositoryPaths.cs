namespace RhvDr.Tests.Support;

/// <summary>Where the repository and the console's build output are, found from the test assembly's own directory.</summary>
public static class RepositoryPaths
{
    /// <summary>The configuration this test assembly was built as; the console was built the same way in the same run.</summary>
#if DEBUG
    public const string Configuration = "Debug";
#else
    public const string Configuration = "Release";
#endif

    /// <summary>The directory holding RhvDr.sln.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>The console's build output (RhvDr.Console/bin/CONFIGURATION/net10.0), runnable like an install directory.</summary>
    public static string ConsoleBuildOutput =>
        Path.Combine(Root, "RhvDr.Console", "bin", Configuration, Path.GetFileName(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)));

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "RhvDr.sln")))
            {
                return directory.FullName;
            }
        }
        throw new InvalidOperationException($"No RhvDr.sln above {AppContext.BaseDirectory}");
    }
}
