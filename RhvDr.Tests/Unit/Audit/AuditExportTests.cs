using RhvDr.Core.Audit;

namespace RhvDr.Tests.Audit;

public sealed class AuditExportTests
{
    private static readonly DateTimeOffset Noon = new(2026, 3, 1, 12, 0, 0, 123, TimeSpan.Zero);

    [Fact]
    public void ToCsv_Records_WritesHeaderAndOneCrlfRowEach()
    {
        var record = Record(1, actor: "=cmd|' /C calc'!A0", detail: "a, \"b\"");

        var csv = AuditExport.ToCsv([record]);

        var lines = csv.Split("\r\n");
        Assert.Equal("seq,time_utc,actor,source,action,target,outcome,before,after,detail,prev_hash,hash", lines[0]);
        Assert.Equal($"1,2026-03-01T12:00:00.123Z,\"'=cmd|' /C calc'!A0\",10.0.0.1,run.start,run-1,ok,,{{}},\"a, \"\"b\"\"\",{record.PreviousHash},{record.Hash}", lines[1]);
        Assert.Equal("", lines[2]);
        Assert.Equal(3, lines.Length);
    }

    [Theory]
    [InlineData("=HYPERLINK(\"http://x\")", "\"'=HYPERLINK(\"\"http://x\"\")\"")]
    [InlineData("+1+2", "\"'+1+2\"")]
    [InlineData("-2+3", "\"'-2+3\"")]
    [InlineData("@SUM(A1)", "\"'@SUM(A1)\"")]
    public void ToCsv_DetailStartingLikeAFormula_IsGuarded(string detail, string expected)
    {
        var record = Record(1, actor: "alice", detail: detail);

        var lines = AuditExport.ToCsv([record]).Split("\r\n");

        Assert.Equal($"1,2026-03-01T12:00:00.123Z,alice,10.0.0.1,run.start,run-1,ok,,{{}},{expected},{record.PreviousHash},{record.Hash}", lines[1]);
    }

    [Fact]
    public void ToJson_Records_RoundTripsAndStillVerifies()
    {
        var first = Record(1, actor: "alice", detail: null);
        var second = Record(2, actor: "bob", detail: "", previousHash: first.Hash);

        var json = AuditExport.ToJson([first, second]);
        var read = AuditExport.FromJson(json);

        Assert.Contains("\"sequence\": 1", json, StringComparison.Ordinal);
        Assert.Contains("\"previousHash\"", json, StringComparison.Ordinal);
        Assert.Equal([first, second], read);
        Assert.All(read, r => Assert.Equal(r.Hash, AuditHash.Compute(r)));
        Assert.Equal(read[0].Hash, read[1].PreviousHash);
    }

    private static AuditRecord Record(long sequence, string actor, string? detail, string? previousHash = null)
    {
        var record = new AuditRecord(sequence, Noon, actor, "10.0.0.1", AuditActions.RunStart, "run-1", AuditOutcomes.Ok, null, "{}", detail,
            previousHash ?? AuditHash.Genesis, "");
        return record with { Hash = AuditHash.Compute(record) };
    }
}
