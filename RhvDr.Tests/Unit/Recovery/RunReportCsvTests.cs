using RhvDr.Core.Recovery;

namespace RhvDr.Tests.Recovery;

public sealed class RunReportCsvTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("=HYPERLINK(\"http://evil\")", "\"'=HYPERLINK(\"\"http://evil\"\")\"")]
    [InlineData("+cmd", "\"'+cmd\"")]
    [InlineData("-2+3", "\"'-2+3\"")]
    [InlineData("@SUM(A1)", "\"'@SUM(A1)\"")]
    public void Csv_VmNameAndReasonStartingLikeAFormula_AreGuarded(string text, string expected)
    {
        var report = Report(Vm("vm-1", text, reason: text));

        var lines = RunReportWriter.Csv(report).Split("\r\n");

        Assert.Equal($"run-1,failover,planned,primary,secondary,completed,alice,{Start:O},{Start.AddMinutes(5):O},300,0,240,{expected},vm-1,true,1,true,true,false,,true,{expected}", lines[1]);
    }

    [Fact]
    public void Csv_Report_Rfc4180LinesAndQuoting()
    {
        var report = Report(Vm("vm-1", "web, \"front\"", reason: "line one\nline two"), Vm("vm-2", "db01", reason: null));

        var csv = RunReportWriter.Csv(report);

        Assert.DoesNotContain("\n", csv.Replace("\r\n", "", StringComparison.Ordinal).Replace("line one\nline two", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.EndsWith("\r\n", csv, StringComparison.Ordinal);
        var lines = csv.Split("\r\n");
        Assert.Equal(string.Join(',', RunReportWriter.CsvColumns), lines[0]);
        Assert.EndsWith(",\"web, \"\"front\"\"\",vm-1,true,1,true,true,false,,true,\"line one\nline two\"", lines[1], StringComparison.Ordinal);
        Assert.EndsWith(",db01,vm-2,true,1,true,true,false,,true,", lines[2], StringComparison.Ordinal);
        Assert.Equal(4, lines.Length);
    }

    [Fact]
    public void Csv_NoVms_OneRunRowWithEmptyVmColumns()
    {
        var lines = RunReportWriter.Csv(Report()).Split("\r\n");

        Assert.Equal(22, lines[1].Split(',').Length);
        Assert.EndsWith(",240,,,,,,,,,,", lines[1], StringComparison.Ordinal);
    }

    private static VmOutcome Vm(string id, string name, string? reason) => new()
    {
        RunId = "run-1", VmId = id, VmName = name, WasRunning = true, Wave = 1, Registered = true, Started = true, Failed = true, Reason = reason,
    };

    private static RunReport Report(params VmOutcome[] vms) => new(
        "run-1", "failover", "planned", "primary", "secondary", "completed", "alice", null, Start, Start, Start.AddMinutes(5), 300, null, 0, 240,
        vms.Length, 0, vms.Length, null, [], vms);
}
