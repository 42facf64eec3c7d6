using System.Text.Json;
using Dapper;
using RhvDr.Core.Data;

namespace RhvDr.Core.Readiness;

/// <summary>Dapper over <c>readiness_results</c> and <c>readiness_check_results</c> (migration 4).</summary>
public sealed class ReadinessHistoryRepository : IReadinessHistoryRepository
{
    private readonly SqliteConnectionFactory _connections;

    public ReadinessHistoryRepository(SqliteConnectionFactory connections)
    {
        _connections = connections;
        UnixMillisecondsDateTimeOffsetHandler.Register();
    }

    public async Task AddAsync(ReadinessReport report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        const string insertResult = """
            INSERT INTO readiness_results (time_ms, verdict, score, rpo_seconds, estimated_rto_seconds)
            VALUES (@Time, @Verdict, @Score, @RpoSeconds, @RtoSeconds)
            RETURNING id;
            """;
        const string insertCheck = """
            INSERT INTO readiness_check_results (result_id, check_id, title, status, severity, summary, evidence, remediation)
            VALUES (@ResultId, @CheckId, @Title, @Status, @Severity, @Summary, @Evidence, @Remediation);
            """;
        var connection = await _connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionDisposal = connection.ConfigureAwait(false);
        var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using var transactionDisposal = transaction.ConfigureAwait(false);
        var id = await connection.ExecuteScalarAsync<long>(new CommandDefinition(insertResult, new
        {
            Time = report.EvaluatedAt,
            Verdict = (int)report.Verdict,
            report.Score,
            report.RpoSeconds,
            RtoSeconds = report.Rto.Seconds,
        }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        foreach (var finding in report.Findings)
        {
            await connection.ExecuteAsync(new CommandDefinition(insertCheck, new
            {
                ResultId = id,
                CheckId = finding.Id,
                finding.Title,
                Status = (int)finding.Status,
                Severity = (int)finding.Severity,
                finding.Summary,
                Evidence = JsonSerializer.Serialize(finding.Evidence),
                finding.Remediation,
            }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        }
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyDictionary<string, DateTimeOffset>> GetFailingSinceAsync(CancellationToken cancellationToken)
    {
        // For each check: its newest result; if that is not a pass, the oldest non-pass after the newest pass.
        const string sql = """
            WITH latest AS (
                SELECT c.check_id, MAX(r.time_ms) AS time_ms
                FROM readiness_check_results c JOIN readiness_results r ON r.id = c.result_id
                GROUP BY c.check_id
            ),
            last_pass AS (
                SELECT c.check_id, MAX(r.time_ms) AS time_ms
                FROM readiness_check_results c JOIN readiness_results r ON r.id = c.result_id
                WHERE c.status = 0
                GROUP BY c.check_id
            )
            SELECT c.check_id AS CheckId, MIN(r.time_ms) AS Since
            FROM readiness_check_results c
            JOIN readiness_results r ON r.id = c.result_id
            LEFT JOIN last_pass p ON p.check_id = c.check_id
            WHERE c.status <> 0 AND r.time_ms > COALESCE(p.time_ms, -1)
              AND c.check_id IN (
                  SELECT l.check_id FROM latest l
                  JOIN readiness_results lr ON lr.time_ms = l.time_ms
                  JOIN readiness_check_results lc ON lc.result_id = lr.id AND lc.check_id = l.check_id
                  WHERE lc.status <> 0)
            GROUP BY c.check_id;
            """;
        var connection = await _connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionDisposal = connection.ConfigureAwait(false);
        var rows = await connection.QueryAsync<FailingSinceRow>(new CommandDefinition(sql, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.ToDictionary(r => r.CheckId, r => DateTimeOffset.FromUnixTimeMilliseconds(r.Since), StringComparer.Ordinal);
    }

    public async Task<IReadOnlyList<ReadinessTrendPoint>> GetTrendAsync(DateTimeOffset since, TimeSpan bucket, CancellationToken cancellationToken)
    {
        const string sql = """
            SELECT (time_ms / @BucketMs) * @BucketMs AS BucketMs, MIN(score) AS MinScore, AVG(score) AS AverageScore,
                   MAX(verdict) AS WorstVerdict, COUNT(*) AS Evaluations
            FROM readiness_results
            WHERE time_ms >= @Since
            GROUP BY time_ms / @BucketMs
            ORDER BY BucketMs;
            """;
        var bucketMs = Math.Max(1000L, (long)bucket.TotalMilliseconds);
        var connection = await _connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionDisposal = connection.ConfigureAwait(false);
        var rows = await connection.QueryAsync<TrendRow>(new CommandDefinition(sql, new { Since = since, BucketMs = bucketMs }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.Select(r => new ReadinessTrendPoint(DateTimeOffset.FromUnixTimeMilliseconds(r.BucketMs), (int)r.MinScore, r.AverageScore, (ReadinessVerdict)r.WorstVerdict, (int)r.Evaluations)).ToList();
    }

    public async Task<int> PruneAsync(DateTimeOffset before, CancellationToken cancellationToken)
    {
        const string sql = """
            DELETE FROM readiness_check_results WHERE result_id IN (SELECT id FROM readiness_results WHERE time_ms < @Before);
            DELETE FROM readiness_results WHERE time_ms < @Before;
            """;
        var connection = await _connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionDisposal = connection.ConfigureAwait(false);
        return await connection.ExecuteAsync(new CommandDefinition(sql, new { Before = before }, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    // SQLite hands back Int64; settable rows let Dapper convert before the records are built.
    private sealed class FailingSinceRow
    {
        public string CheckId { get; set; } = "";

        public long Since { get; set; }
    }

    private sealed class TrendRow
    {
        public long BucketMs { get; set; }

        public long MinScore { get; set; }

        public double AverageScore { get; set; }

        public long WorstVerdict { get; set; }

        public long Evaluations { get; set; }
    }
}
