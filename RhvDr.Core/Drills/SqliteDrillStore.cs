using Dapper;
using RhvDr.Core.Data;

namespace RhvDr.Core.Drills;

/// <summary>Drill records in SQLite (table <c>drills</c>, migration 10); times as UTC epoch milliseconds.</summary>
public sealed class SqliteDrillStore(SqliteConnectionFactory connections) : IDrillStore
{
    private const string Columns = """
        id AS Id, plan AS Plan, plan_version AS PlanVersion, scheduled_at_ms AS ScheduledAt, requested_by AS RequestedBy,
        started_at_ms AS StartedAt, ended_at_ms AS EndedAt, test_run_id AS TestRunId, cleanup_run_id AS CleanupRunId,
        cleanup_due_ms AS CleanupDueAt, result AS Result, reason AS Reason, vms_verified AS VmsVerified, vms_failed AS VmsFailed
        """;

    public async Task<DrillRecord> AddAsync(DrillRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        const string sql = """
            INSERT INTO drills (plan, plan_version, scheduled_at_ms, requested_by, started_at_ms, ended_at_ms, test_run_id, cleanup_run_id,
                                cleanup_due_ms, result, reason, vms_verified, vms_failed)
            VALUES (@Plan, @PlanVersion, @ScheduledAt, @RequestedBy, @StartedAt, @EndedAt, @TestRunId, @CleanupRunId,
                    @CleanupDueAt, @Result, @Reason, @VmsVerified, @VmsFailed)
            RETURNING id;
            """;
        var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var disposal = connection.ConfigureAwait(false);
        var id = await connection.ExecuteScalarAsync<long>(new CommandDefinition(sql, DrillRow.From(record), cancellationToken: cancellationToken)).ConfigureAwait(false);
        return record with { Id = id };
    }

    public async Task UpdateAsync(DrillRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        const string sql = """
            UPDATE drills SET plan_version = @PlanVersion, started_at_ms = @StartedAt, ended_at_ms = @EndedAt, test_run_id = @TestRunId,
                cleanup_run_id = @CleanupRunId, cleanup_due_ms = @CleanupDueAt, result = @Result, reason = @Reason,
                vms_verified = @VmsVerified, vms_failed = @VmsFailed
            WHERE id = @Id;
            """;
        var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var disposal = connection.ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(sql, DrillRow.From(record), cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    public Task<IReadOnlyList<DrillRecord>> ListAsync(string plan, int limit, int offset, CancellationToken cancellationToken = default) =>
        QueryAsync($"SELECT {Columns} FROM drills WHERE plan = @Plan ORDER BY scheduled_at_ms DESC, id DESC LIMIT @Limit OFFSET @Offset;",
            new { Plan = plan, Limit = limit, Offset = offset }, cancellationToken);

    public async Task<int> CountAsync(string plan, CancellationToken cancellationToken = default)
    {
        var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var disposal = connection.ConfigureAwait(false);
        return await connection.ExecuteScalarAsync<int>(new CommandDefinition("SELECT COUNT(*) FROM drills WHERE plan = @Plan;", new { Plan = plan }, cancellationToken: cancellationToken))
            .ConfigureAwait(false);
    }

    public async Task<DrillRecord?> GetLastFinishedAsync(string plan, CancellationToken cancellationToken = default) =>
        (await QueryAsync($"SELECT {Columns} FROM drills WHERE plan = @Plan AND result IN ('Succeeded', 'Failed') ORDER BY scheduled_at_ms DESC, id DESC LIMIT 1;",
            new { Plan = plan }, cancellationToken).ConfigureAwait(false)).SingleOrDefault();

    public async Task<DateTimeOffset?> GetLastScheduledAsync(string plan, CancellationToken cancellationToken = default)
    {
        var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var disposal = connection.ConfigureAwait(false);
        var ms = await connection.ExecuteScalarAsync<long?>(new CommandDefinition("SELECT MAX(scheduled_at_ms) FROM drills WHERE plan = @Plan;", new { Plan = plan }, cancellationToken: cancellationToken))
            .ConfigureAwait(false);
        return ms is { } value ? DateTimeOffset.FromUnixTimeMilliseconds(value) : null;
    }

    public Task<IReadOnlyList<DrillRecord>> ListRunningAsync(CancellationToken cancellationToken = default) =>
        QueryAsync($"SELECT {Columns} FROM drills WHERE result = 'Running' ORDER BY id;", null, cancellationToken);

    private async Task<IReadOnlyList<DrillRecord>> QueryAsync(string sql, object? parameters, CancellationToken cancellationToken)
    {
        var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var disposal = connection.ConfigureAwait(false);
        var rows = await connection.QueryAsync<DrillRow>(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return [.. rows.Select(r => r.ToRecord())];
    }

    private sealed class DrillRow
    {
        public long Id { get; set; }

        public string Plan { get; set; } = "";

        public long? PlanVersion { get; set; }

        public long ScheduledAt { get; set; }

        public string RequestedBy { get; set; } = "";

        public long? StartedAt { get; set; }

        public long? EndedAt { get; set; }

        public string? TestRunId { get; set; }

        public string? CleanupRunId { get; set; }

        public long? CleanupDueAt { get; set; }

        public string Result { get; set; } = "";

        public string? Reason { get; set; }

        public long? VmsVerified { get; set; }

        public long? VmsFailed { get; set; }

        public static DrillRow From(DrillRecord r) => new()
        {
            Id = r.Id,
            Plan = r.Plan,
            PlanVersion = r.PlanVersion,
            ScheduledAt = r.ScheduledAt.ToUnixTimeMilliseconds(),
            RequestedBy = r.RequestedBy,
            StartedAt = r.StartedAt?.ToUnixTimeMilliseconds(),
            EndedAt = r.EndedAt?.ToUnixTimeMilliseconds(),
            TestRunId = r.TestRunId,
            CleanupRunId = r.CleanupRunId,
            CleanupDueAt = r.CleanupDueAt?.ToUnixTimeMilliseconds(),
            Result = r.Result.ToString(),
            Reason = r.Reason,
            VmsVerified = r.VmsVerified,
            VmsFailed = r.VmsFailed,
        };

        public DrillRecord ToRecord() => new()
        {
            Id = Id,
            Plan = Plan,
            PlanVersion = PlanVersion is { } version ? (int)version : null,
            ScheduledAt = DateTimeOffset.FromUnixTimeMilliseconds(ScheduledAt),
            RequestedBy = RequestedBy,
            StartedAt = Time(StartedAt),
            EndedAt = Time(EndedAt),
            TestRunId = TestRunId,
            CleanupRunId = CleanupRunId,
            CleanupDueAt = Time(CleanupDueAt),
            Result = Enum.TryParse<DrillResult>(Result, ignoreCase: false, out var result) ? result : DrillResult.Failed,
            Reason = Reason,
            VmsVerified = VmsVerified is { } verified ? (int)verified : null,
            VmsFailed = VmsFailed is { } failed ? (int)failed : null,
        };

        private static DateTimeOffset? Time(long? ms) => ms is { } value ? DateTimeOffset.FromUnixTimeMilliseconds(value) : null;
    }
}
