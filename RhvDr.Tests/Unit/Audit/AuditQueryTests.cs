using RhvDr.Core.Audit;

namespace RhvDr.Tests.Audit;

public sealed class AuditQueryTests : IAsyncLifetime
{
    private readonly AuditDatabase _db = new();

    public async Task InitializeAsync()
    {
        await _db.InitializeAsync();
        await Append(new AuditEntry("Alice", "10.0.0.1", AuditActions.SignIn, "alice"));
        await Append(new AuditEntry("alice", "10.0.0.1", AuditActions.RunStart, "run-1", Detail: "planned failover primary -> recovery"));
        await Append(new AuditEntry("bob", "10.0.0.2", AuditActions.RunApprove, "run-1", Detail: "approved: 100% sure"));
        await Append(new AuditEntry("alicia", "10.0.0.3", AuditActions.MappingSave, "mapping", Before: "{\"vm\":\"db01\"}", After: "{\"vm\":\"DB02\"}"));
        await Append(new AuditEntry("bob", "10.0.0.2", "runbook.print", "book", Outcome: AuditOutcomes.Failed));
    }

    public Task DisposeAsync() => _db.DisposeAsync();

    [Fact]
    public async Task QueryAsync_NoFilter_ReturnsNewestFirst()
    {
        var records = await Query(new AuditQuery());

        Assert.Equal([5L, 4L, 3L, 2L, 1L], records.Select(r => r.Sequence));
    }

    [Fact]
    public async Task QueryAsync_Actor_MatchesWholeNameIgnoringCase()
    {
        var records = await Query(new AuditQuery(Actor: "ALICE"));

        Assert.Equal([2L, 1L], records.Select(r => r.Sequence));
    }

    [Fact]
    public async Task QueryAsync_ActionFamily_MatchesPrefixOnly()
    {
        var records = await Query(new AuditQuery(Action: "run."));

        Assert.Equal([AuditActions.RunApprove, AuditActions.RunStart], records.Select(r => r.Action));
    }

    [Fact]
    public async Task QueryAsync_ExactAction_MatchesThatActionOnly()
    {
        var records = await Query(new AuditQuery(Action: AuditActions.RunStart));

        Assert.Equal(2, Assert.Single(records).Sequence);
    }

    [Fact]
    public async Task QueryAsync_TextInAfter_MatchesIgnoringCase()
    {
        var records = await Query(new AuditQuery(Text: "db02"));

        Assert.Equal(4, Assert.Single(records).Sequence);
    }

    [Fact]
    public async Task QueryAsync_TextWithPercent_MatchesLiterally()
    {
        var records = await Query(new AuditQuery(Text: "100%"));

        Assert.Equal(3, Assert.Single(records).Sequence);
        Assert.Empty(await Query(new AuditQuery(Text: "0%x")));
    }

    [Fact]
    public async Task QueryAsync_TextInTargetOrDetail_MatchesBoth()
    {
        var records = await Query(new AuditQuery(Text: "run-1"));

        Assert.Equal([3L, 2L], records.Select(r => r.Sequence));
    }

    [Fact]
    public async Task QueryAsync_TimeRange_IncludesFromExcludesTo()
    {
        // Entries are a minute apart from Start.
        var records = await Query(new AuditQuery(From: AuditDatabase.Start.AddMinutes(1), To: AuditDatabase.Start.AddMinutes(3)));

        Assert.Equal([3L, 2L], records.Select(r => r.Sequence));
    }

    [Fact]
    public async Task QueryAsync_CombinedFilters_AllApply()
    {
        var records = await Query(new AuditQuery(Actor: "bob", Action: "run.", Text: "approved"));

        Assert.Equal(3, Assert.Single(records).Sequence);
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(-5, 1)]
    [InlineData(2, 2)]
    [InlineData(1_000_000, 5)]
    public async Task QueryAsync_Limit_IsClampedToOneAndMore(int limit, int expected)
    {
        var records = await Query(new AuditQuery(Limit: limit));

        Assert.Equal(expected, records.Count);
        Assert.Equal(5, records[0].Sequence);
    }

    private Task<IReadOnlyList<AuditRecord>> Query(AuditQuery query) => _db.Trail.QueryAsync(query, CancellationToken.None);

    private async Task Append(AuditEntry entry)
    {
        await _db.Trail.AppendAsync(entry, CancellationToken.None);
        _db.Clock.Advance(TimeSpan.FromMinutes(1));
    }
}
