using RhvDr.Tests.Support;

namespace RhvDr.Tests.External;

/// <summary>The console as a process, started with a wrong setting: it stops before serving, names the setting and exits 1.</summary>
public sealed class BadConfigurationStartTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "rhvdr-badconfig-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Start_SiteRoleSecondary_ExitsOneNamingTheSitesSettingWithoutAStackTraceAtTheEnd()
    {
        Directory.CreateDirectory(_directory);
        var environment = ConsoleProcess.UnreachableEnginesEnvironment(_directory, "rhvdr_badconfig_token_0123456789abcdef");
        environment["RhvDr__Sites__1__Role"] = "Secondary";
        environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{ConsoleProcess.FreePort()}";

        var result = await ConsoleProcess.RunCommandAsync(RepositoryPaths.ConsoleBuildOutput, [], environment);

        Assert.Equal(1, result.ExitCode);
        var lines = result.Error.TrimEnd().Split('\n');
        Assert.Contains("RhvDr did not start: its configuration has these problems:", result.Error, StringComparison.Ordinal);
        Assert.StartsWith("  - RhvDr:Sites has 1 site(s) that could be read", lines[^1], StringComparison.Ordinal);
        Assert.Contains("a Role other than Primary or Recovery", lines[^1], StringComparison.Ordinal);
    }

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }
}
