using RhvDr.Core.Readiness;

namespace RhvDr.Tests.Readiness;

public sealed class ReadinessCsvTests
{
    private static readonly DateTimeOffset Noon = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("=cmd|' /C calc'!A0", "\"'=cmd|' /C calc'!A0\"")]
    [InlineData("+1", "\"'+1\"")]
    [InlineData("-vm", "\"'-vm\"")]
    [InlineData("@evil", "\"'@evil\"")]
    public void Write_EvidenceAndSummaryStartingLikeAFormula_AreGuarded(string text, string expected)
    {
        var report = Report(new ReadinessFinding("ovf", "OVF store", 10, CheckStatus.Warn, CheckSeverity.Warning, text, [text], "update the OVF store"));

        var lines = ReadinessCsv.Write(report).Split("\r\n");

        Assert.Equal($"ovf,OVF store,warn,warning,{expected},{expected},update the OVF store,", lines[4]);
    }

    [Fact]
    public void Write_Report_SummaryBlankLineFindingsWithCrlfAndQuoting()
    {
        var report = Report(new ReadinessFinding("mapping", "Mapping, complete", 10, CheckStatus.Fail, CheckSeverity.Critical, "says \"no\"",
            ["vm a", "vm b"], "fix\nit", Noon));

        var csv = ReadinessCsv.Write(report);

        Assert.Equal(
            "evaluatedAt,status,score,rpoSeconds,rpoTargetSeconds,estimatedRtoSeconds,rtoSource\r\n" +
            $"{Noon:O},no-go,40,,300,600,model\r\n" +
            "\r\n" +
            "id,title,status,severity,summary,evidence,remediation,failingSince\r\n" +
            $"mapping,\"Mapping, complete\",fail,critical,\"says \"\"no\"\"\",vm a | vm b,\"fix\nit\",{Noon:O}\r\n",
            csv);
    }

    private static ReadinessReport Report(params ReadinessFinding[] findings) =>
        new(Noon, ReadinessVerdict.NoGo, 40, null, 300, [], new RtoEstimate(600, "model", "estimated"), null, findings, []);
}
