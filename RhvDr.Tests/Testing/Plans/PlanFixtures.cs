using System.Text.RegularExpressions;
using RhvDr.Tests.Support;

namespace RhvDr.Tests.Plans;

internal static partial class PlanFixtures
{
    /// <summary>The documented example, examples/rhvdr-plans.yml, written for the lab's estate.</summary>
    public static string Example() => File.ReadAllText(Path.Combine(RepositoryPaths.Root, "examples", "rhvdr-plans.yml"));

    /// <summary>
    /// The example as a test console runs it to the end in seconds: its HTTP step calls <paramref name="console"/> (the
    /// example calls the console at its default address), its probes of example.com hosts (which no test reaches, so
    /// each would wait out its timeout) are left out, and prod-mq-016 waits 3 s instead of 30.
    /// </summary>
    public static string ExampleFor(Uri console)
    {
        ArgumentNullException.ThrowIfNull(console);
        var yaml = Example().Replace("http://localhost:5080/", console.ToString(), StringComparison.Ordinal)
            .Replace("start_delay_seconds: 30", "start_delay_seconds: 3", StringComparison.Ordinal);
        return ProbeBlock().Replace(yaml, "");
    }

    [GeneratedRegex(@"\n    probe:\n      (?:tcp|http): ""[^""]*""\n      timeout_seconds: \d+", RegexOptions.None, matchTimeoutMilliseconds: 1000)]
    private static partial Regex ProbeBlock();
}
