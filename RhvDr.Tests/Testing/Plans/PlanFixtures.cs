using RhvDr.Tests.Support;

namespace RhvDr.Tests.Plans;

internal static class PlanFixtures
{
    /// <summary>The documented example, examples/rhvdr-plans.yml, written for the lab's estate.</summary>
    public static string Example() => File.ReadAllText(Path.Combine(RepositoryPaths.Root, "examples", "rhvdr-plans.yml"));
}
