using System.Data.Common;
using Dapper;
using RhvDr.Core.Data;

namespace RhvDr.Core.Audit;

/// <summary>
/// The audit trail in SQLite (tables <c>audit_log</c> and <c>audit_head</c>; migration 6). Appends only: there is no way to
/// change or remove an entry through this class, and <see cref="VerifyAsync"/> finds any change made around it.
/// </summary>
public sealed class SqliteAuditTrail : IAuditTrail, IDisposable
{
    /// <summary>The most entries one query returns.</summary>
    public const int MaxQueryLimit = 5000;

    /// <summary>Rows read per round trip while verifying, so a long chain is never held in memory.</summary>
    public const int VerifyPageSize = 1000;

    private const string RecordColumns = """
        seq AS Sequence, time_ms AS TimeMs, actor AS Actor, source AS Source, action AS Action, target AS Target, outcome AS Outcome,
        before AS Before, after AS After, detail AS Detail, prev_hash AS PreviousHash, hash AS Hash
        """;

    private readonly SqliteConnectionFactory _connections;
    private readonly TimeProvider _time;

    // One append at a time in this process; BEGIN IMMEDIATE does the same across processes sharing the file.
    private readonly SemaphoreSlim _appendLock = new(1, 1);

    public SqliteAuditTrail(SqliteConnectionFactory connections, TimeProvider time)
    {
        _connections = connections;
        _time = time;
    }

    public async Task<AuditRecord> AppendAsync(AuditEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
#pragma warning disable MA0015 // The helpers name the member that is missing (entry.Actor), which says more than the parameter name.
        ArgumentException.ThrowIfNullOrWhiteSpace(entry.Actor);
        ArgumentException.ThrowIfNullOrWhiteSpace(entry.Source);
        ArgumentException.ThrowIfNullOrWhiteSpace(entry.Action);
        ArgumentNullException.ThrowIfNull(entry.Target);
        ArgumentException.ThrowIfNullOrWhiteSpace(entry.Outcome);
#pragma warning restore MA0015
        const string insertSql = """
            INSERT INTO audit_log (seq, time_ms, actor, source, action, target, outcome, before, after, detail, prev_hash, hash)
            VALUES (@Sequence, @TimeMs, @Actor, @Source, @Action, @Target, @Outcome, @Before, @After, @Detail, @PreviousHash, @Hash);
            """;
        const string headSql = """
            INSERT INTO audit_head (id, seq, hash) VALUES (1, @Sequence, @Hash)
            ON CONFLICT (id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash;
            """;

        await _appendLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var connection = await _connections.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var connectionDisposal = connection.ConfigureAwait(false);
            var transaction = connection.BeginTransaction(deferred: false);
            await using var transactionDisposal = transaction.ConfigureAwait(false);
            var last = await ReadLastLinkAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
            var sequence = (last?.Sequence ?? 0) + 1;
            var previousHash = last?.Hash ?? AuditHash.Genesis;
            var timeMs = _time.GetUtcNow().ToUnixTimeMilliseconds();
            var hash = AuditHash.Compute(previousHash, sequence, timeMs, entry.Actor, entry.Source, entry.Action, entry.Target, entry.Outcome,
                entry.Before, entry.After, entry.Detail);
            var row = new
            {
                Sequence = sequence,
                TimeMs = timeMs,
                entry.Actor,
                entry.Source,
                entry.Action,
                entry.Target,
                entry.Outcome,
                entry.Before,
                entry.After,
                entry.Detail,
                PreviousHash = previousHash,
                Hash = hash,
            };
            await connection.ExecuteAsync(new CommandDefinition(insertSql, row, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
            await connection.ExecuteAsync(new CommandDefinition(headSql, new { Sequence = sequence, Hash = hash }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return new AuditRecord(sequence, DateTimeOffset.FromUnixTimeMilliseconds(timeMs), entry.Actor, entry.Source, entry.Action, entry.Target,
                entry.Outcome, entry.Before, entry.After, entry.Detail, previousHash, hash);
        }
        finally
        {
            _appendLock.Release();
        }
    }

    public async Task<IReadOnlyList<AuditRecord>> QueryAsync(AuditQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var conditions = new List<string>();
        var args = new DynamicParameters();
        if (Normalize(query.Actor) is { } actor)
        {
            conditions.Add("actor = @Actor COLLATE NOCASE");
            args.Add("Actor", actor);
        }
        if (Normalize(query.Action) is { } action)
        {
            conditions.Add(action.EndsWith('.')
                ? "substr(action, 1, length(@Action)) = @Action COLLATE NOCASE"
                : "action = @Action COLLATE NOCASE");
            args.Add("Action", action);
        }
        if (Normalize(query.Text) is { } text)
        {
            conditions.Add("""
                (target LIKE @Text ESCAPE '\' OR detail LIKE @Text ESCAPE '\' OR before LIKE @Text ESCAPE '\' OR after LIKE @Text ESCAPE '\')
                """);
            args.Add("Text", "%" + EscapeLike(text) + "%");
        }
        if (query.From is { } from)
        {
            conditions.Add("time_ms >= @FromMs");
            args.Add("FromMs", from.ToUnixTimeMilliseconds());
        }
        if (query.To is { } to)
        {
            conditions.Add("time_ms < @ToMs");
            args.Add("ToMs", to.ToUnixTimeMilliseconds());
        }
        args.Add("Limit", Math.Clamp(query.Limit, 1, MaxQueryLimit));
        var where = conditions.Count == 0 ? "" : "WHERE " + string.Join(" AND ", conditions);
        var sql = $"""
            SELECT {RecordColumns}
            FROM audit_log
            {where}
            ORDER BY seq DESC
            LIMIT @Limit;
            """;
        var connection = await _connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionDisposal = connection.ConfigureAwait(false);
        var rows = await connection.QueryAsync<RecordRow>(new CommandDefinition(sql, args, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.Select(r => r.ToRecord()).ToList();
    }

    public async Task<AuditVerification> VerifyAsync(CancellationToken cancellationToken)
    {
        var pageSql = $"""
            SELECT {RecordColumns}
            FROM audit_log
            WHERE seq > @After
            ORDER BY seq
            LIMIT @Limit;
            """;
        var connection = await _connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionDisposal = connection.ConfigureAwait(false);

        // One read transaction: the head and every page come from the same snapshot while appends go on.
        var transaction = connection.BeginTransaction(deferred: true);
        await using var transactionDisposal = transaction.ConfigureAwait(false);
        var head = await connection.QuerySingleOrDefaultAsync<LinkRow>(new CommandDefinition(
            "SELECT seq AS Sequence, hash AS Hash FROM audit_head WHERE id = 1;", transaction: transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);

        long checkedCount = 0;
        LinkRow? previous = null;
        while (true)
        {
            var page = (await connection.QueryAsync<RecordRow>(new CommandDefinition(
                pageSql, new { After = previous?.Sequence ?? 0, Limit = VerifyPageSize }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false)).ToList();
            foreach (var row in page)
            {
                if (CheckLink(previous, row) is { } broken)
                {
                    return broken with { Checked = checkedCount };
                }
                checkedCount++;
                previous = new LinkRow { Sequence = row.Sequence, Hash = row.Hash };
            }
            if (page.Count < VerifyPageSize)
            {
                break;
            }
        }
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return CheckHead(previous, head, checkedCount);
    }

    public void Dispose() => _appendLock.Dispose();

    private static AuditVerification? CheckLink(LinkRow? previous, RecordRow row)
    {
        var expected = (previous?.Sequence ?? 0) + 1;
        if (row.Sequence != expected)
        {
            var missing = row.Sequence - expected == 1 ? $"Entry {expected} is missing" : $"Entries {expected} to {row.Sequence - 1} are missing";
            var jump = previous is null ? $"the chain starts at {row.Sequence}" : $"the chain jumps from {previous.Sequence} to {row.Sequence}";
            var deleted = row.Sequence - expected == 1 ? "a row was deleted" : "rows were deleted";
            return Broken(expected, $"{missing}: {jump} ({deleted}).");
        }
        var previousHash = previous?.Hash ?? AuditHash.Genesis;
        if (!string.Equals(row.PreviousHash, previousHash, StringComparison.Ordinal))
        {
            return previous is null
                ? Broken(row.Sequence, $"Entry {row.Sequence} is not the start of the chain: its previous-hash should be all zeros.")
                : Broken(row.Sequence, $"Entry {row.Sequence} does not follow entry {previous.Sequence}: its previous-hash does not match (one of them was changed).");
        }
        if (!string.Equals(AuditHash.Compute(row.ToRecord()), row.Hash, StringComparison.Ordinal))
        {
            return Broken(row.Sequence, $"Entry {row.Sequence} was edited: its stored hash does not match its contents.");
        }
        return null;
    }

    private static AuditVerification CheckHead(LinkRow? last, LinkRow? head, long checkedCount)
    {
        var lastSequence = last?.Sequence ?? 0;
        if (head is null)
        {
            return last is null
                ? new AuditVerification(true, 0, null, null)
                : new AuditVerification(false, checkedCount, lastSequence,
                    $"The head record is missing: the chain ends at {lastSequence} but nothing records where it should end (the head row was deleted).");
        }
        if (head.Sequence > lastSequence)
        {
            var ends = last is null ? "the chain is empty" : $"the chain ends at {lastSequence}";
            return new AuditVerification(false, checkedCount, lastSequence + 1, $"The newest entries were removed: {ends} but the head records {head.Sequence}.");
        }
        if (head.Sequence < lastSequence)
        {
            return new AuditVerification(false, checkedCount, head.Sequence + 1,
                $"The head record was edited, or entries were added around the audit trail: the head records {head.Sequence} but the chain goes on to {lastSequence}.");
        }
        if (!string.Equals(head.Hash, last!.Hash, StringComparison.Ordinal))
        {
            return new AuditVerification(false, checkedCount, lastSequence,
                $"The head record was edited: its hash does not match entry {lastSequence}, the last in the chain.");
        }
        return new AuditVerification(true, checkedCount, null, null);
    }

    private static AuditVerification Broken(long sequence, string problem) => new(false, 0, sequence, problem);

    private static async Task<LinkRow?> ReadLastLinkAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        // The head, not the last row, is the chain's end: after the newest rows were deleted the next entry still links to
        // the removed one, so the gap stays visible instead of being papered over.
        var head = await connection.QuerySingleOrDefaultAsync<LinkRow>(new CommandDefinition(
            "SELECT seq AS Sequence, hash AS Hash FROM audit_head WHERE id = 1;", transaction: transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return head ?? await connection.QuerySingleOrDefaultAsync<LinkRow>(new CommandDefinition(
            "SELECT seq AS Sequence, hash AS Hash FROM audit_log ORDER BY seq DESC LIMIT 1;", transaction: transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    private static string? Normalize(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static string EscapeLike(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);

    private sealed class LinkRow
    {
        public long Sequence { get; set; }

        public string Hash { get; set; } = "";
    }

    // SQLite hands back integers as Int64; a settable row lets Dapper fill it before the immutable record is built.
    private sealed class RecordRow
    {
        public long Sequence { get; set; }

        public long TimeMs { get; set; }

        public string Actor { get; set; } = "";

        public string Source { get; set; } = "";

        public string Action { get; set; } = "";

        public string Target { get; set; } = "";

        public string Outcome { get; set; } = "";

        public string? Before { get; set; }

        public string? After { get; set; }

        public string? Detail { get; set; }

        public string PreviousHash { get; set; } = "";

        public string Hash { get; set; } = "";

        public AuditRecord ToRecord() => new(
            Sequence, DateTimeOffset.FromUnixTimeMilliseconds(TimeMs), Actor, Source, Action, Target, Outcome, Before, After, Detail, PreviousHash, Hash);
    }
}
