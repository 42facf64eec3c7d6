using RhvDr.Core.Audit;

namespace RhvDr.Tests.Audit;

public sealed class AuditHashTests
{
    [Fact]
    public void Compute_NullAndEmptyDetail_Differ()
    {
        var withNull = Hash(detail: null);
        var withEmpty = Hash(detail: "");

        Assert.NotEqual(withNull, withEmpty);
    }

    [Fact]
    public void Compute_SameTextSplitDifferently_Differs()
    {
        // Without length prefixes "ab" + "c" and "a" + "bc" would hash the same.
        var first = AuditHash.Compute(AuditHash.Genesis, 1, 0, "ab", "c", "x", "t", "ok", null, null, null);
        var second = AuditHash.Compute(AuditHash.Genesis, 1, 0, "a", "bc", "x", "t", "ok", null, null, null);

        Assert.NotEqual(first, second);
    }

    [Fact]
    public void Compute_SameFields_IsStableLowerCaseHex()
    {
        var hash = Hash(detail: "d");

        Assert.Equal(hash, Hash(detail: "d"));
        Assert.Matches("^[0-9a-f]{64}$", hash);
    }

    private static string Hash(string? detail) =>
        AuditHash.Compute(AuditHash.Genesis, 7, 1_772_366_400_000, "alice", "10.0.0.1", AuditActions.RunStart, "run-1", AuditOutcomes.Ok, "{}", "{}", detail);
}
