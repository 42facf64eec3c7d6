namespace RhvDr.Tests.Mapping;

/// <summary>
/// Finds the role's example mapping: the copy next to these tests first (tests must not depend on a sibling folder),
/// and the shared original in <c>shared/fixtures/ovirt</c> beside the repository when it is there.
/// </summary>
internal static class MappingFixtures
{
    public const string ExampleFileName = "disaster_recovery_vars.example.yml";

    public static string ExampleCopyPath => FindUp(Path.Combine("RhvDr.Tests", "Testing", "Mapping", "Fixtures", ExampleFileName))
        ?? throw new FileNotFoundException($"The test copy of {ExampleFileName} was not found above {AppContext.BaseDirectory}.");

    /// <summary>The shared original, or null where the <c>shared</c> folder is not checked out next to the repository.</summary>
    public static string? SharedOriginalPath => FindUp(Path.Combine("shared", "fixtures", "ovirt", ExampleFileName));

    public static string Example() => File.ReadAllText(ExampleCopyPath);

    private static string? FindUp(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, relative);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
