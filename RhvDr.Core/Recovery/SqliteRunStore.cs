using Dapper;
using RhvDr.Core.Data;

namespace RhvDr.Core.Recovery;

/// <summary><see cref="IRunStore"/> over the console's SQLite database (tables runs, run_steps, run_vms, run_log; migration 3).</summary>
public sealed class SqliteRunStore(SqliteConnectionFactory connections) : IRunStore
{
    private const string RunColumns = """
        id AS Id, kind AS Kind, mode AS Mode, source_site AS SourceSite, target_site AS TargetSite, status AS Status,
        requested_by AS RequestedBy, override_reason AS OverrideReason, created_ms AS CreatedMs, started_ms AS StartedMs,
        finished_ms AS FinishedMs, prompt AS Prompt, error AS Error, recovery_point_ms AS RecoveryPointMs, last_seq AS LastSeq,
        approved_by AS ApprovedBy, approval_reason AS ApprovalReason, approved_ms AS ApprovedMs, plan AS Plan
        """;

    public async Task SaveRunAsync(RecoveryRun run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        const string sql = """
            INSERT INTO runs (id, kind, mode, source_site, target_site, status, requested_by, override_reason, created_ms, started_ms, finished_ms, prompt, error, recovery_point_ms, last_seq, approved_by, approval_reason, approved_ms, plan)
            VALUES (@Id, @Kind, @Mode, @SourceSite, @TargetSite, @Status, @RequestedBy, @OverrideReason, @CreatedMs, @StartedMs, @FinishedMs, @Prompt, @Error, @RecoveryPointMs, @LastSeq, @ApprovedBy, @ApprovalReason, @ApprovedMs, @Plan)
            ON CONFLICT (id) DO UPDATE SET status = excluded.status, override_reason = excluded.override_reason, started_ms = excluded.started_ms,
                finished_ms = excluded.finished_ms, prompt = excluded.prompt, error = excluded.error, recovery_point_ms = excluded.recovery_point_ms,
                last_seq = MAX(runs.last_seq, excluded.last_seq), approved_by = excluded.approved_by, approval_reason = excluded.approval_reason,
                approved_ms = excluded.approved_ms;
            """;
        await ExecuteAsync(sql, new
        {
            run.Id,
            Kind = Text(run.Kind),
            Mode = Text(run.Mode),
            run.SourceSite,
            run.TargetSite,
            Status = Text(run.Status),
            run.RequestedBy,
            run.OverrideReason,
            CreatedMs = run.CreatedAt.ToUnixTimeMilliseconds(),
            StartedMs = Ms(run.StartedAt),
            FinishedMs = Ms(run.FinishedAt),
            run.Prompt,
            run.Error,
            RecoveryPointMs = Ms(run.RecoveryPoint),
            LastSeq = run.LastSequence,
            run.ApprovedBy,
            run.ApprovalReason,
            ApprovedMs = Ms(run.ApprovedAt),
            run.Plan,
        }, cancellationToken).ConfigureAwait(false);
    }

    public async Task SaveStepAsync(RunStep step, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(step);
        const string sql = """
            INSERT INTO run_steps (run_id, idx, name, title, status, started_ms, finished_ms, detail, expected_seconds)
            VALUES (@RunId, @Index, @Name, @Title, @Status, @StartedMs, @FinishedMs, @Detail, @ExpectedSeconds)
            ON CONFLICT (run_id, idx) DO UPDATE SET name = excluded.name, title = excluded.title, status = excluded.status,
                started_ms = excluded.started_ms, finished_ms = excluded.finished_ms, detail = excluded.detail, expected_seconds = excluded.expected_seconds;
            """;
        await ExecuteAsync(sql, new
        {
            step.RunId,
            step.Index,
            step.Name,
            step.Title,
            Status = Text(step.Status),
            StartedMs = Ms(step.StartedAt),
            FinishedMs = Ms(step.FinishedAt),
            step.Detail,
            step.ExpectedSeconds,
        }, cancellationToken).ConfigureAwait(false);
    }

    private const string SaveVmSql = """
        INSERT INTO run_vms (run_id, vm_id, vm_name, was_running, ha, ha_priority, wave, registered, started, up, failed, reason, registered_ms, started_ms, up_ms, verification, verification_note, skipped, no_agent_at_source, verified_ms)
        VALUES (@RunId, @VmId, @VmName, @WasRunning, @HighlyAvailable, @HaPriority, @Wave, @Registered, @Started, @Up, @Failed, @Reason, @RegisteredMs, @StartedMs, @UpMs, @Verification, @VerificationNote, @Skipped, @NoAgentAtSource, @VerifiedMs)
        ON CONFLICT (run_id, vm_id) DO UPDATE SET vm_name = excluded.vm_name, was_running = excluded.was_running, ha = excluded.ha,
            ha_priority = excluded.ha_priority, wave = excluded.wave, registered = excluded.registered, started = excluded.started, up = excluded.up,
            failed = excluded.failed, reason = excluded.reason, registered_ms = excluded.registered_ms, started_ms = excluded.started_ms, up_ms = excluded.up_ms,
            verification = excluded.verification, verification_note = excluded.verification_note, skipped = excluded.skipped,
            no_agent_at_source = excluded.no_agent_at_source, verified_ms = excluded.verified_ms;
        UPDATE runs SET last_seq = MAX(last_seq, @Sequence) WHERE id = @RunId;
        """;

    public async Task SaveVmAsync(VmOutcome vm, long sequence, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(vm);
        await ExecuteAsync(SaveVmSql, VmArgs(vm, sequence), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>One transaction for the lot: one commit (one sync to disk) instead of one per VM.</summary>
    public async Task SaveVmsAsync(IReadOnlyList<(VmOutcome Vm, long Sequence)> vms, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(vms);
        var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionDisposal = connection.ConfigureAwait(false);
        var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using var transactionDisposal = transaction.ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(SaveVmSql, vms.Select(v => VmArgs(v.Vm, v.Sequence)), transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    private static object VmArgs(VmOutcome vm, long sequence) => new
    {
        vm.RunId,
        vm.VmId,
        vm.VmName,
        vm.WasRunning,
        vm.HighlyAvailable,
        vm.HaPriority,
        vm.Wave,
        vm.Registered,
        vm.Started,
        vm.Up,
        vm.Failed,
        vm.Reason,
        RegisteredMs = Ms(vm.RegisteredAt),
        StartedMs = Ms(vm.StartedAt),
        UpMs = Ms(vm.UpAt),
        Verification = vm.Verification == VmVerification.None ? null : vm.Verification.ToString(),
        vm.VerificationNote,
        vm.Skipped,
        vm.NoAgentAtSource,
        VerifiedMs = Ms(vm.VerifiedAt),
        Sequence = sequence,
    };

    public async Task<IReadOnlyDictionary<string, TimeSpan>> GetVerificationTimesAsync(int runs, CancellationToken cancellationToken)
    {
        // The newest runs that verified VMs; per VM name, the newest of them wins.
        const string sql = """
            SELECT v.vm_name AS Name, v.verified_ms - v.started_ms AS Ms
            FROM run_vms v
            JOIN (SELECT r.id, r.created_ms FROM runs r
                  WHERE EXISTS (SELECT 1 FROM run_vms x WHERE x.run_id = r.id AND x.verified_ms IS NOT NULL)
                  ORDER BY r.created_ms DESC LIMIT @Runs) recent ON recent.id = v.run_id
            WHERE v.verified_ms IS NOT NULL AND v.started_ms IS NOT NULL
            ORDER BY recent.created_ms DESC;
            """;
        var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionDisposal = connection.ConfigureAwait(false);
        var rows = await connection.QueryAsync<(string Name, long Ms)>(new CommandDefinition(sql, new { Runs = runs }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        var times = new Dictionary<string, TimeSpan>(StringComparer.Ordinal);
        foreach (var (name, ms) in rows)
        {
            times.TryAdd(name, TimeSpan.FromMilliseconds(Math.Max(0, ms)));
        }

        return times;
    }

    public async Task AppendLogAsync(RunLogEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        const string sql = """
            INSERT INTO run_log (run_id, seq, time_ms, level, message) VALUES (@RunId, @Sequence, @TimeMs, @Level, @Message);
            UPDATE runs SET last_seq = MAX(last_seq, @Sequence) WHERE id = @RunId;
            """;
        await ExecuteAsync(sql, new { entry.RunId, entry.Sequence, TimeMs = entry.Time.ToUnixTimeMilliseconds(), Level = RunLogLevels.ToText(entry.Level), entry.Message }, cancellationToken).ConfigureAwait(false);
    }

    public async Task<RecoveryRun?> GetRunAsync(string id, CancellationToken cancellationToken)
    {
        var sql = $"SELECT {RunColumns} FROM runs WHERE id = @Id;";
        var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionDisposal = connection.ConfigureAwait(false);
        var row = await connection.QuerySingleOrDefaultAsync<RunRow>(new CommandDefinition(sql, new { Id = id }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return row?.ToRun();
    }

    public async Task<RunDetails?> GetDetailsAsync(string id, int logLimit, CancellationToken cancellationToken)
    {
        var runSql = $"SELECT {RunColumns} FROM runs WHERE id = @Id;";
        const string stepSql = """
            SELECT run_id AS RunId, idx AS Idx, name AS Name, title AS Title, status AS Status, started_ms AS StartedMs, finished_ms AS FinishedMs,
                   detail AS Detail, expected_seconds AS ExpectedSeconds
            FROM run_steps WHERE run_id = @Id ORDER BY idx;
            """;
        const string vmSql = """
            SELECT run_id AS RunId, vm_id AS VmId, vm_name AS VmName, was_running AS WasRunning, ha AS Ha, ha_priority AS HaPriority, wave AS Wave,
                   registered AS Registered, started AS Started, up AS Up, failed AS Failed, reason AS Reason,
                   registered_ms AS RegisteredMs, started_ms AS StartedMs, up_ms AS UpMs, verification AS Verification, verification_note AS VerificationNote,
                   skipped AS Skipped, no_agent_at_source AS NoAgentAtSource, verified_ms AS VerifiedMs
            FROM run_vms WHERE run_id = @Id ORDER BY vm_name;
            """;
        const string logSql = """
            SELECT run_id AS RunId, seq AS Seq, time_ms AS TimeMs, level AS Level, message AS Message
            FROM (SELECT run_id, seq, time_ms, level, message, id FROM run_log WHERE run_id = @Id ORDER BY seq DESC, id DESC LIMIT @Limit)
            ORDER BY seq, id;
            """;
        var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionDisposal = connection.ConfigureAwait(false);
        var run = await connection.QuerySingleOrDefaultAsync<RunRow>(new CommandDefinition(runSql, new { Id = id }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (run is null)
        {
            return null;
        }

        var steps = await connection.QueryAsync<StepRow>(new CommandDefinition(stepSql, new { Id = id }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        var vms = await connection.QueryAsync<VmRow>(new CommandDefinition(vmSql, new { Id = id }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        var log = await connection.QueryAsync<LogRow>(new CommandDefinition(logSql, new { Id = id, Limit = logLimit }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return new RunDetails(run.ToRun(), [.. steps.Select(s => s.ToStep())], [.. vms.Select(v => v.ToOutcome())], [.. log.Select(l => l.ToEntry())]);
    }

    public async Task<IReadOnlyList<RecoveryRun>> ListRunsAsync(int limit, CancellationToken cancellationToken)
    {
        var sql = $"SELECT {RunColumns} FROM runs ORDER BY created_ms DESC, id DESC LIMIT @Limit;";
        var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionDisposal = connection.ConfigureAwait(false);
        var rows = await connection.QueryAsync<RunRow>(new CommandDefinition(sql, new { Limit = limit }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return [.. rows.Select(r => r.ToRun())];
    }

    public async Task<IReadOnlyList<RecoveryRun>> ListActiveRunsAsync(CancellationToken cancellationToken)
    {
        var sql = $"SELECT {RunColumns} FROM runs WHERE status IN ('pending', 'awaitingapproval', 'running', 'waiting', 'interrupted') ORDER BY created_ms;";
        var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionDisposal = connection.ConfigureAwait(false);
        var rows = await connection.QueryAsync<RunRow>(new CommandDefinition(sql, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return [.. rows.Select(r => r.ToRun())];
    }

    private async Task ExecuteAsync(string sql, object args, CancellationToken cancellationToken)
    {
        var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionDisposal = connection.ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(sql, args, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    private static string Text<T>(T value) where T : struct, Enum => value.ToString().ToLowerInvariant();

    private static T Parse<T>(string text) where T : struct, Enum => Enum.Parse<T>(text, ignoreCase: true);

    private static long? Ms(DateTimeOffset? time) => time?.ToUnixTimeMilliseconds();

    private static DateTimeOffset? Time(long? ms) => ms is { } value ? DateTimeOffset.FromUnixTimeMilliseconds(value) : null;

    // Settable rows: SQLite hands back Int64 for every integer, and enums as text.
    private sealed class RunRow
    {
        public string Id { get; set; } = "";
        public string Kind { get; set; } = "";
        public string Mode { get; set; } = "";
        public string SourceSite { get; set; } = "";
        public string TargetSite { get; set; } = "";
        public string Status { get; set; } = "";
        public string RequestedBy { get; set; } = "";
        public string? OverrideReason { get; set; }
        public long CreatedMs { get; set; }
        public long? StartedMs { get; set; }
        public long? FinishedMs { get; set; }
        public string? Prompt { get; set; }
        public string? Error { get; set; }
        public long? RecoveryPointMs { get; set; }
        public long LastSeq { get; set; }
        public string? ApprovedBy { get; set; }
        public string? ApprovalReason { get; set; }
        public long? ApprovedMs { get; set; }
        public string? Plan { get; set; }

        public RecoveryRun ToRun() => new()
        {
            Id = Id,
            Kind = Parse<RunKind>(Kind),
            Mode = Parse<RunMode>(Mode),
            SourceSite = SourceSite,
            TargetSite = TargetSite,
            Status = Parse<RunStatus>(Status),
            RequestedBy = RequestedBy,
            OverrideReason = OverrideReason,
            CreatedAt = DateTimeOffset.FromUnixTimeMilliseconds(CreatedMs),
            StartedAt = Time(StartedMs),
            FinishedAt = Time(FinishedMs),
            Prompt = Prompt,
            Error = Error,
            RecoveryPoint = Time(RecoveryPointMs),
            LastSequence = LastSeq,
            ApprovedBy = ApprovedBy,
            ApprovalReason = ApprovalReason,
            ApprovedAt = Time(ApprovedMs),
            Plan = Plan,
        };
    }

    private sealed class StepRow
    {
        public string RunId { get; set; } = "";
        public long Idx { get; set; }
        public string Name { get; set; } = "";
        public string Title { get; set; } = "";
        public string Status { get; set; } = "";
        public long? StartedMs { get; set; }
        public long? FinishedMs { get; set; }
        public string? Detail { get; set; }
        public double? ExpectedSeconds { get; set; }

        public RunStep ToStep() => new()
        {
            RunId = RunId,
            Index = (int)Idx,
            Name = Name,
            Title = Title,
            Status = Parse<StepStatus>(Status),
            StartedAt = Time(StartedMs),
            FinishedAt = Time(FinishedMs),
            Detail = Detail,
            ExpectedSeconds = ExpectedSeconds,
        };
    }

    private sealed class VmRow
    {
        public string RunId { get; set; } = "";
        public string VmId { get; set; } = "";
        public string VmName { get; set; } = "";
        public bool WasRunning { get; set; }
        public bool Ha { get; set; }
        public long HaPriority { get; set; }
        public long Wave { get; set; }
        public bool Registered { get; set; }
        public bool Started { get; set; }
        public bool Up { get; set; }
        public bool Failed { get; set; }
        public string? Reason { get; set; }
        public long? RegisteredMs { get; set; }
        public long? StartedMs { get; set; }
        public long? UpMs { get; set; }
        public string? Verification { get; set; }
        public string? VerificationNote { get; set; }
        public bool Skipped { get; set; }
        public bool NoAgentAtSource { get; set; }
        public long? VerifiedMs { get; set; }

        public VmOutcome ToOutcome() => new()
        {
            RunId = RunId,
            VmId = VmId,
            VmName = VmName,
            WasRunning = WasRunning,
            HighlyAvailable = Ha,
            HaPriority = (int)HaPriority,
            Wave = (int)Wave,
            Registered = Registered,
            Started = Started,
            Up = Up,
            Failed = Failed,
            Reason = Reason,
            RegisteredAt = Time(RegisteredMs),
            StartedAt = Time(StartedMs),
            UpAt = Time(UpMs),
            Verification = Enum.TryParse<VmVerification>(Verification, out var verification) ? verification : VmVerification.None,
            VerificationNote = VerificationNote,
            Skipped = Skipped,
            NoAgentAtSource = NoAgentAtSource,
            VerifiedAt = Time(VerifiedMs),
        };
    }

    private sealed class LogRow
    {
        public string RunId { get; set; } = "";
        public long Seq { get; set; }
        public long TimeMs { get; set; }
        public string Level { get; set; } = "";
        public string Message { get; set; } = "";

        public RunLogEntry ToEntry() => new(RunId, Seq, DateTimeOffset.FromUnixTimeMilliseconds(TimeMs), RunLogLevels.Parse(Level), Message);
    }
}
