using Dapper;
using Microsoft.Extensions.Time.Testing;
using RhvDr.Core.Audit;
using RhvDr.Core.Data;
using RhvDr.Tests.Core;

namespace RhvDr.Tests.Audit;

/// <summary>A migrated temp database with an audit trail on a manual clock, and raw SQL for tests that tamper with it.</summary>
public sealed class AuditDatabase : IAsyncLifetime
{
    public static readonly DateTimeOffset Start = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly TempDatabase _database = new();

    public FakeTimeProvider Clock { get; } = new(Start);

    public SqliteConnectionFactory Connections => _database.Connections;

    public SqliteAuditTrail Trail { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        await new SchemaMigrator(_database.Connections).MigrateAsync(CancellationToken.None);
        Trail = new SqliteAuditTrail(_database.Connections, Clock);
    }

    public async Task DisposeAsync()
    {
        Trail.Dispose();
        await _database.DisposeAsync();
    }

    /// <summary>Appends <paramref name="count"/> entries through the trail, one second apart.</summary>
    public async Task AppendManyAsync(int count)
    {
        for (var i = 1; i <= count; i++)
        {
            await Trail.AppendAsync(Entry(i), CancellationToken.None);
            Clock.Advance(TimeSpan.FromSeconds(1));
        }
    }

    /// <summary>Writes a valid chain of <paramref name="count"/> entries in one transaction: fast enough for very long chains.</summary>
    public async Task SeedChainAsync(int count)
    {
        const string insert = """
            INSERT INTO audit_log (seq, time_ms, actor, source, action, target, outcome, before, after, detail, prev_hash, hash)
            VALUES (@Sequence, @TimeMs, @Actor, @Source, @Action, @Target, @Outcome, @Before, @After, @Detail, @PreviousHash, @Hash);
            """;
        await using var connection = await Connections.OpenAsync(CancellationToken.None);
        await using var transaction = connection.BeginTransaction();
        var previous = AuditHash.Genesis;
        for (var seq = 1L; seq <= count; seq++)
        {
            var entry = Entry((int)seq);
            var record = new AuditRecord(seq, Start.AddSeconds(seq), entry.Actor, entry.Source, entry.Action, entry.Target, entry.Outcome,
                entry.Before, entry.After, entry.Detail, previous, "");
            record = record with { Hash = AuditHash.Compute(record) };
            await connection.ExecuteAsync(insert, new
            {
                record.Sequence,
                TimeMs = record.Time.ToUnixTimeMilliseconds(),
                record.Actor,
                record.Source,
                record.Action,
                record.Target,
                record.Outcome,
                record.Before,
                record.After,
                record.Detail,
                record.PreviousHash,
                record.Hash,
            }, transaction);
            previous = record.Hash;
        }
        await connection.ExecuteAsync("INSERT INTO audit_head (id, seq, hash) VALUES (1, @Seq, @Hash);", new { Seq = count, Hash = previous }, transaction);
        await transaction.CommitAsync();
    }

    /// <summary>Runs SQL straight against the file, around the trail, as someone with access to the database could.</summary>
    public async Task ExecuteAsync(string sql, object? args = null)
    {
        await using var connection = await Connections.OpenAsync(CancellationToken.None);
        await connection.ExecuteAsync(sql, args);
    }

    public static AuditEntry Entry(int i) => new(
        Actor: i % 2 == 0 ? "alice" : "bob",
        Source: "10.0.0." + (i % 250),
        Action: (i % 3) switch { 0 => AuditActions.RunStart, 1 => AuditActions.UserUpdate, _ => AuditActions.SignIn },
        Target: "target-" + i,
        Outcome: AuditOutcomes.Ok,
        Before: i % 5 == 0 ? null : "{\"n\":" + (i - 1) + "}",
        After: i % 5 == 0 ? null : "{\"n\":" + i + "}",
        Detail: "entry " + i);
}
