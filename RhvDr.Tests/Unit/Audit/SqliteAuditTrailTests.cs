using Dapper;
using RhvDr.Core.Audit;

namespace RhvDr.Tests.Audit;

public sealed class SqliteAuditTrailTests : IAsyncLifetime
{
    private readonly AuditDatabase _db = new();

    public Task InitializeAsync() => _db.InitializeAsync();

    public Task DisposeAsync() => _db.DisposeAsync();

    [Fact]
    public async Task AppendAsync_FirstEntry_LinksToGenesisAndMovesHead()
    {
        var record = await _db.Trail.AppendAsync(new AuditEntry("alice", "10.0.0.1", AuditActions.SignIn, "alice"), CancellationToken.None);

        Assert.Equal(1, record.Sequence);
        Assert.Equal(AuditHash.Genesis, record.PreviousHash);
        Assert.Equal(AuditHash.Compute(record), record.Hash);
        Assert.Equal(AuditDatabase.Start, record.Time);
        await using var connection = await _db.Connections.OpenAsync(CancellationToken.None);
        var head = await connection.QuerySingleAsync<(long Seq, string Hash)>("SELECT seq, hash FROM audit_head WHERE id = 1;");
        Assert.Equal((1L, record.Hash), head);
    }

    [Fact]
    public async Task AppendAsync_SecondEntry_LinksToFirst()
    {
        var first = await _db.Trail.AppendAsync(AuditDatabase.Entry(1), CancellationToken.None);

        var second = await _db.Trail.AppendAsync(AuditDatabase.Entry(2), CancellationToken.None);

        Assert.Equal(2, second.Sequence);
        Assert.Equal(first.Hash, second.PreviousHash);
    }

    [Fact]
    public async Task VerifyAsync_EmptyTrail_ReportsIntactWithNothingChecked()
    {
        var result = await _db.Trail.VerifyAsync(CancellationToken.None);

        Assert.Equal(new AuditVerification(true, 0, null, null), result);
    }

    [Fact]
    public async Task VerifyAsync_ThousandAppendedEntries_ReportsIntact()
    {
        await _db.AppendManyAsync(1000);

        var result = await _db.Trail.VerifyAsync(CancellationToken.None);

        Assert.Equal(new AuditVerification(true, 1000, null, null), result);
    }

    [Fact]
    public async Task VerifyAsync_HundredThousandEntries_ChecksEveryPage()
    {
        await _db.SeedChainAsync(100_000);

        var result = await _db.Trail.VerifyAsync(CancellationToken.None);

        Assert.Equal(new AuditVerification(true, 100_000, null, null), result);
    }

    [Fact]
    public async Task VerifyAsync_DetailEditedOnLaterPage_NamesEditedEntry()
    {
        await _db.SeedChainAsync(2500);
        await _db.ExecuteAsync("UPDATE audit_log SET detail = 'nothing happened' WHERE seq = 2345;");

        var result = await _db.Trail.VerifyAsync(CancellationToken.None);

        Assert.False(result.Intact);
        Assert.Equal(2345, result.FirstBrokenSequence);
        Assert.Equal(2344, result.Checked);
        Assert.Equal("Entry 2345 was edited: its stored hash does not match its contents.", result.Problem);
    }

    [Fact]
    public async Task VerifyAsync_DetailSetToNull_NamesEditedEntry()
    {
        await _db.AppendManyAsync(20);
        await _db.ExecuteAsync("UPDATE audit_log SET detail = NULL WHERE seq = 17;");

        var result = await _db.Trail.VerifyAsync(CancellationToken.None);

        Assert.Equal(17, result.FirstBrokenSequence);
        Assert.StartsWith("Entry 17 was edited", result.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VerifyAsync_MiddleRowDeleted_ReportsGap()
    {
        await _db.AppendManyAsync(40);
        await _db.ExecuteAsync("DELETE FROM audit_log WHERE seq = 18;");

        var result = await _db.Trail.VerifyAsync(CancellationToken.None);

        Assert.False(result.Intact);
        Assert.Equal(18, result.FirstBrokenSequence);
        Assert.Equal("Entry 18 is missing: the chain jumps from 17 to 19 (a row was deleted).", result.Problem);
    }

    [Fact]
    public async Task VerifyAsync_FirstRowsDeleted_ReportsMissingStart()
    {
        await _db.AppendManyAsync(10);
        await _db.ExecuteAsync("DELETE FROM audit_log WHERE seq <= 3;");

        var result = await _db.Trail.VerifyAsync(CancellationToken.None);

        Assert.Equal(1, result.FirstBrokenSequence);
        Assert.Equal("Entries 1 to 3 are missing: the chain starts at 4 (rows were deleted).", result.Problem);
    }

    [Fact]
    public async Task VerifyAsync_NewestRowsDeleted_ReportsTruncationFromHead()
    {
        await _db.AppendManyAsync(42);
        await _db.ExecuteAsync("DELETE FROM audit_log WHERE seq > 40;");

        var result = await _db.Trail.VerifyAsync(CancellationToken.None);

        Assert.False(result.Intact);
        Assert.Equal(41, result.FirstBrokenSequence);
        Assert.Equal(40, result.Checked);
        Assert.Equal("The newest entries were removed: the chain ends at 40 but the head records 42.", result.Problem);
    }

    [Fact]
    public async Task VerifyAsync_EveryRowDeleted_ReportsTruncationFromHead()
    {
        await _db.AppendManyAsync(3);
        await _db.ExecuteAsync("DELETE FROM audit_log;");

        var result = await _db.Trail.VerifyAsync(CancellationToken.None);

        Assert.Equal(1, result.FirstBrokenSequence);
        Assert.Equal("The newest entries were removed: the chain is empty but the head records 3.", result.Problem);
    }

    [Fact]
    public async Task AppendAsync_AfterNewestRowsDeleted_KeepsGapVisible()
    {
        await _db.AppendManyAsync(42);
        await _db.ExecuteAsync("DELETE FROM audit_log WHERE seq > 40;");

        var next = await _db.Trail.AppendAsync(AuditDatabase.Entry(43), CancellationToken.None);
        var result = await _db.Trail.VerifyAsync(CancellationToken.None);

        Assert.Equal(43, next.Sequence);
        Assert.Equal(41, result.FirstBrokenSequence);
        Assert.StartsWith("Entries 41 to 42 are missing", result.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VerifyAsync_PreviousHashEdited_ReportsEntryDoesNotFollow()
    {
        await _db.AppendManyAsync(30);
        await _db.ExecuteAsync("UPDATE audit_log SET prev_hash = @Hash WHERE seq = 18;", new { Hash = new string('a', 64) });

        var result = await _db.Trail.VerifyAsync(CancellationToken.None);

        Assert.Equal(18, result.FirstBrokenSequence);
        Assert.StartsWith("Entry 18 does not follow entry 17: its previous-hash does not match", result.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VerifyAsync_EntryEditedAndRehashed_ReportsNextEntryDoesNotFollow()
    {
        await _db.AppendManyAsync(30);
        var original = (await _db.Trail.QueryAsync(new AuditQuery(Text: "target-17"), CancellationToken.None)).Single();
        var forged = original with { Detail = "forged" };
        await _db.ExecuteAsync("UPDATE audit_log SET detail = @Detail, hash = @Hash WHERE seq = 17;", new { forged.Detail, Hash = AuditHash.Compute(forged) });

        var result = await _db.Trail.VerifyAsync(CancellationToken.None);

        Assert.Equal(18, result.FirstBrokenSequence);
        Assert.StartsWith("Entry 18 does not follow entry 17", result.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VerifyAsync_HeadHashEdited_ReportsHeadEdited()
    {
        await _db.AppendManyAsync(5);
        await _db.ExecuteAsync("UPDATE audit_head SET hash = @Hash;", new { Hash = new string('b', 64) });

        var result = await _db.Trail.VerifyAsync(CancellationToken.None);

        Assert.False(result.Intact);
        Assert.Equal(5, result.FirstBrokenSequence);
        Assert.Equal("The head record was edited: its hash does not match entry 5, the last in the chain.", result.Problem);
    }

    [Fact]
    public async Task VerifyAsync_HeadSequenceLowered_ReportsHeadEdited()
    {
        await _db.AppendManyAsync(5);
        await _db.ExecuteAsync("UPDATE audit_head SET seq = 3;");

        var result = await _db.Trail.VerifyAsync(CancellationToken.None);

        Assert.Equal(4, result.FirstBrokenSequence);
        Assert.StartsWith("The head record was edited", result.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VerifyAsync_HeadDeleted_ReportsHeadMissing()
    {
        await _db.AppendManyAsync(5);
        await _db.ExecuteAsync("DELETE FROM audit_head;");

        var result = await _db.Trail.VerifyAsync(CancellationToken.None);

        Assert.Equal(5, result.FirstBrokenSequence);
        Assert.StartsWith("The head record is missing", result.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AppendAsync_EightWritersFiftyEach_ProduceContiguousIntactChain()
    {
        var writers = Enumerable.Range(0, 8).Select(w => Task.Run(async () =>
        {
            for (var i = 0; i < 50; i++)
            {
                await _db.Trail.AppendAsync(new AuditEntry($"writer-{w}", "local", AuditActions.LabControl, $"item-{i}"), CancellationToken.None);
            }
        }));

        await Task.WhenAll(writers);

        Assert.Equal(new AuditVerification(true, 400, null, null), await _db.Trail.VerifyAsync(CancellationToken.None));
        var sequences = (await _db.Trail.QueryAsync(new AuditQuery(Limit: 1000), CancellationToken.None)).Select(r => r.Sequence).Order();
        Assert.Equal(Enumerable.Range(1, 400).Select(i => (long)i), sequences);
    }

    [Fact]
    public async Task AppendAsync_TwoTrailsOnOneFile_ProduceContiguousIntactChain()
    {
        // Two trail instances stand in for two console processes: only the database transaction keeps them apart.
        using var other = new SqliteAuditTrail(_db.Connections, _db.Clock);
        var trails = new[] { _db.Trail, other };
        var writers = Enumerable.Range(0, 4).Select(w => Task.Run(async () =>
        {
            for (var i = 0; i < 25; i++)
            {
                await trails[w % 2].AppendAsync(new AuditEntry($"writer-{w}", "local", AuditActions.LabControl, $"item-{i}"), CancellationToken.None);
            }
        }));

        await Task.WhenAll(writers);

        Assert.Equal(new AuditVerification(true, 100, null, null), await _db.Trail.VerifyAsync(CancellationToken.None));
    }

    [Fact]
    public async Task AppendAsync_BlankActor_Throws()
    {
        await Assert.ThrowsAsync<ArgumentException>(() =>
            _db.Trail.AppendAsync(new AuditEntry(" ", "local", AuditActions.SignIn, "x"), CancellationToken.None));
    }
}
