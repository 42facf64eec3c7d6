using System.Diagnostics;
using RhvDr.Tests.Support;

namespace RhvDr.Tests.External;

/// <summary><c>examples/replication/lab-array.sh</c> against the lab over HTTPS: the array's credential decides whether it may act.</summary>
public sealed class LabArrayScriptCredentialTests
{
    [Fact]
    public async Task Sync_WithoutOrWithWrongOrWithToken_RefusedInWordsOrDone()
    {
        // Arrange
        await using var lab = await ExternalLab.StartAsync();

        // Act
        var none = await RunAsync(lab, null);
        var wrong = await RunAsync(lab, ("RHVDR_ARRAY_TOKEN", lab.ControlToken + "x"));
        var labToken = await RunAsync(lab, ("LAB_TOKEN", lab.ControlToken));

        // Assert
        Assert.Equal(4, none.ExitCode);
        Assert.Contains("the array refused its credential; set RHVDR_ARRAY_TOKEN (or LAB_TOKEN)", none.Error, StringComparison.Ordinal);
        Assert.Contains("needs its credential", none.Error, StringComparison.Ordinal);
        Assert.Equal(4, wrong.ExitCode);
        Assert.Contains("control token is wrong", wrong.Error, StringComparison.Ordinal);
        Assert.True(labToken.ExitCode == 0, labToken.Error);
        Assert.Contains("sync path2 (pair pair-path2)", labToken.Output, StringComparison.Ordinal);
    }

    private static Task<ProcessResult> RunAsync(ExternalLab lab, (string Name, string Value)? token)
    {
        var start = new ProcessStartInfo("bash") { ArgumentList = { LabArrayScript.Path, "sync", "primary", "recovery", "path2", "planned" } };
        start.Environment["RHVDR_ARRAY_URL"] = lab.ControlUrl.AbsoluteUri;
        start.Environment["RHVDR_ARRAY_CA"] = lab.CaFile;
        start.Environment.Remove("RHVDR_ARRAY_TOKEN");
        start.Environment.Remove("LAB_TOKEN");
        if (token is var (name, value))
        {
            start.Environment[name] = value;
        }
        return ProcessResult.RunAsync(start, TimeSpan.FromSeconds(60));
    }
}
