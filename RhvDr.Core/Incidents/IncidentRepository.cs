using System.Data.Common;
using Dapper;
using RhvDr.Core.Data;
using RhvDr.Core.Sites;

namespace RhvDr.Core.Incidents;

/// <summary>
/// Incidents in SQLite (tables <c>incidents</c>, <c>incident_timeline</c>, <c>incident_acknowledgements</c>; migration 5), and
/// what the console remembers about outages across restarts (<c>still_down_vms</c>, <c>outage_vms</c>; migration 7).
/// </summary>
public sealed class IncidentRepository : IIncidentRepository
{
    private const string IncidentColumns = """
        id AS Id, incident_key AS IncidentKey, kind AS Kind, severity AS Severity, site AS Site, title AS Title, detail AS Detail,
        opened_ms AS OpenedMs, closed_ms AS ClosedMs
        """;

    private readonly SqliteConnectionFactory _connections;

    public IncidentRepository(SqliteConnectionFactory connections)
    {
        _connections = connections;
        UnixMillisecondsDateTimeOffsetHandler.Register();
    }

    public async Task<Incident> OpenAsync(IncidentCondition condition, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(condition);
        const string sql = """
            INSERT INTO incidents (incident_key, kind, severity, site, title, detail, opened_ms, closed_ms)
            VALUES (@Key, @Kind, @Severity, @Site, @Title, @Detail, @OpenedMs, NULL)
            RETURNING id;
            """;
        var entry = new IncidentTimelineEntry(at, IncidentTimelineKind.Opened, $"{condition.Title}: {condition.Detail}");
        var connection = await _connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionDisposal = connection.ConfigureAwait(false);
        var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using var transactionDisposal = transaction.ConfigureAwait(false);
        var id = await connection.ExecuteScalarAsync<long>(new CommandDefinition(sql, new
        {
            condition.Key,
            Kind = condition.Kind.ToString(),
            Severity = (int)condition.Severity,
            condition.Site,
            condition.Title,
            condition.Detail,
            OpenedMs = at.ToUnixTimeMilliseconds(),
        }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        await InsertTimelineAsync(connection, transaction, id, entry, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new Incident(id, condition.Key, condition.Kind, condition.Severity, condition.Site, condition.Title, condition.Detail, at, null, null, [entry]);
    }

    public async Task UpdateAsync(long id, IncidentCondition condition, IncidentTimelineEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(condition);
        const string sql = "UPDATE incidents SET severity = @Severity, title = @Title, detail = @Detail WHERE id = @Id;";
        var connection = await _connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionDisposal = connection.ConfigureAwait(false);
        var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using var transactionDisposal = transaction.ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(sql, new { Id = id, Severity = (int)condition.Severity, condition.Title, condition.Detail }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        await InsertTimelineAsync(connection, transaction, id, entry, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task AddTimelineAsync(long id, IncidentTimelineEntry entry, CancellationToken cancellationToken)
    {
        var connection = await _connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionDisposal = connection.ConfigureAwait(false);
        await InsertTimelineAsync(connection, null, id, entry, cancellationToken).ConfigureAwait(false);
    }

    public async Task CloseAsync(long id, IncidentTimelineEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        const string sql = "UPDATE incidents SET closed_ms = @ClosedMs WHERE id = @Id AND closed_ms IS NULL;";
        var connection = await _connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionDisposal = connection.ConfigureAwait(false);
        var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using var transactionDisposal = transaction.ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(sql, new { Id = id, ClosedMs = entry.Time.ToUnixTimeMilliseconds() }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        await InsertTimelineAsync(connection, transaction, id, entry, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task AcknowledgeAsync(long id, IncidentAcknowledgement acknowledgement, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(acknowledgement);
        const string sql = """
            INSERT INTO incident_acknowledgements (incident_id, acknowledged_by, time_ms, note)
            VALUES (@Id, @By, @TimeMs, @Note);
            """;
        var text = acknowledgement.Note is { Length: > 0 } note ? $"Acknowledged by {acknowledgement.By}: {note}" : $"Acknowledged by {acknowledgement.By}";
        var connection = await _connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionDisposal = connection.ConfigureAwait(false);
        var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using var transactionDisposal = transaction.ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(sql, new { Id = id, acknowledgement.By, TimeMs = acknowledgement.At.ToUnixTimeMilliseconds(), acknowledgement.Note }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        await InsertTimelineAsync(connection, transaction, id, new IncidentTimelineEntry(acknowledgement.At, IncidentTimelineKind.Acknowledged, text), cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<Incident>> ListAsync(DateTimeOffset closedSince, int limit, CancellationToken cancellationToken)
    {
        var sql = $"""
            SELECT {IncidentColumns}
            FROM incidents
            WHERE closed_ms IS NULL OR closed_ms >= @ClosedSince
            ORDER BY opened_ms DESC, id DESC
            LIMIT @Limit;
            """;
        var connection = await _connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionDisposal = connection.ConfigureAwait(false);
        var rows = (await connection.QueryAsync<IncidentRow>(new CommandDefinition(sql, new { ClosedSince = closedSince.ToUnixTimeMilliseconds(), Limit = limit }, cancellationToken: cancellationToken)).ConfigureAwait(false)).ToList();
        return await WithDetailsAsync(connection, rows, cancellationToken).ConfigureAwait(false);
    }

    public async Task<Incident?> GetAsync(long id, CancellationToken cancellationToken)
    {
        var sql = $"SELECT {IncidentColumns} FROM incidents WHERE id = @Id;";
        var connection = await _connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionDisposal = connection.ConfigureAwait(false);
        var rows = (await connection.QueryAsync<IncidentRow>(new CommandDefinition(sql, new { Id = id }, cancellationToken: cancellationToken)).ConfigureAwait(false)).ToList();
        return (await WithDetailsAsync(connection, rows, cancellationToken).ConfigureAwait(false)).FirstOrDefault();
    }

    public async Task SaveStillDownAsync(long incidentId, IReadOnlyList<OutageVm> vms, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(vms);
        const string sql = """
            INSERT INTO still_down_vms (incident_id, vm_id, name, lost_site, lost_host, highly_available, ha_priority, has_lease, site, status)
            VALUES (@IncidentId, @Id, @Name, @LostSite, @LostHost, @HighlyAvailable, @HaPriority, @HasLease, @Site, @Status);
            """;
        var connection = await _connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionDisposal = connection.ConfigureAwait(false);
        var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using var transactionDisposal = transaction.ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition("DELETE FROM still_down_vms WHERE incident_id = @IncidentId;", new { IncidentId = incidentId }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(sql, vms.DistinctBy(v => v.Id, StringComparer.Ordinal).Select(v => new
        {
            IncidentId = incidentId,
            v.Id,
            v.Name,
            v.LostSite,
            v.LostHost,
            v.HighlyAvailable,
            v.HaPriority,
            v.HasLease,
            v.Site,
            v.Status,
        }).ToList(), transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task SaveOutageAsync(IReadOnlyList<OutageVm> vms, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(vms);
        const string sql = """
            INSERT INTO outage_vms (vm_id, name, lost_site, lost_host, highly_available, ha_priority, has_lease)
            VALUES (@Id, @Name, @LostSite, @LostHost, @HighlyAvailable, @HaPriority, @HasLease);
            """;
        var connection = await _connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionDisposal = connection.ConfigureAwait(false);
        var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using var transactionDisposal = transaction.ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition("DELETE FROM outage_vms;", transaction: transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(sql, vms.DistinctBy(v => v.Id, StringComparer.Ordinal).ToList(), transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<StillDownMemory> RecallStillDownAsync(CancellationToken cancellationToken)
    {
        const string stillDownSql = """
            SELECT v.incident_id AS IncidentId, v.vm_id AS Id, v.name AS Name, v.lost_site AS LostSite, v.lost_host AS LostHost,
                   v.highly_available AS HighlyAvailable, v.ha_priority AS HaPriority, v.has_lease AS HasLease, v.site AS Site, v.status AS Status
            FROM still_down_vms v JOIN incidents i ON i.id = v.incident_id
            WHERE i.closed_ms IS NULL
            ORDER BY v.incident_id, v.vm_id;
            """;
        const string outageSql = """
            SELECT 0 AS IncidentId, vm_id AS Id, name AS Name, lost_site AS LostSite, lost_host AS LostHost,
                   highly_available AS HighlyAvailable, ha_priority AS HaPriority, has_lease AS HasLease, '' AS Site, '' AS Status
            FROM outage_vms
            ORDER BY vm_id;
            """;
        var connection = await _connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionDisposal = connection.ConfigureAwait(false);
        var stillDown = (await connection.QueryAsync<OutageVmRow>(new CommandDefinition(stillDownSql, cancellationToken: cancellationToken)).ConfigureAwait(false))
            .GroupBy(r => r.IncidentId)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<OutageVm>)g.Select(r => r.ToVm()).ToList());
        var outage = (await connection.QueryAsync<OutageVmRow>(new CommandDefinition(outageSql, cancellationToken: cancellationToken)).ConfigureAwait(false))
            .Select(r => r.ToVm())
            .ToList();
        return new StillDownMemory(stillDown, outage);
    }

    private static async Task<IReadOnlyList<Incident>> WithDetailsAsync(DbConnection connection, List<IncidentRow> rows, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return [];
        }
        const string timelineSql = """
            SELECT incident_id AS IncidentId, time_ms AS TimeMs, kind AS Kind, text AS Text, engine_event_id AS EngineEventId
            FROM incident_timeline
            WHERE incident_id IN @Ids
            ORDER BY time_ms, id;
            """;
        const string ackSql = """
            SELECT incident_id AS IncidentId, acknowledged_by AS AcknowledgedBy, time_ms AS TimeMs, note AS Note
            FROM incident_acknowledgements
            WHERE incident_id IN @Ids
            ORDER BY time_ms, id;
            """;
        var ids = rows.Select(r => r.Id).ToList();
        var timeline = (await connection.QueryAsync<TimelineRow>(new CommandDefinition(timelineSql, new { Ids = ids }, cancellationToken: cancellationToken)).ConfigureAwait(false))
            .ToLookup(t => t.IncidentId);
        var acks = (await connection.QueryAsync<AcknowledgementRow>(new CommandDefinition(ackSql, new { Ids = ids }, cancellationToken: cancellationToken)).ConfigureAwait(false))
            .GroupBy(a => a.IncidentId)
            .ToDictionary(g => g.Key, g => g.Last());
        return rows.Select(r => r.ToIncident(
                acks.TryGetValue(r.Id, out var ack) ? new IncidentAcknowledgement(ack.AcknowledgedBy, DateTimeOffset.FromUnixTimeMilliseconds(ack.TimeMs), ack.Note) : null,
                timeline[r.Id].Select(t => t.ToEntry()).ToList()))
            .ToList();
    }

    private static Task<int> InsertTimelineAsync(DbConnection connection, DbTransaction? transaction, long id, IncidentTimelineEntry entry, CancellationToken cancellationToken)
    {
        const string sql = """
            INSERT INTO incident_timeline (incident_id, time_ms, kind, text, engine_event_id)
            VALUES (@Id, @TimeMs, @Kind, @Text, @EngineEventId);
            """;
        return connection.ExecuteAsync(new CommandDefinition(sql, new
        {
            Id = id,
            TimeMs = entry.Time.ToUnixTimeMilliseconds(),
            Kind = entry.Kind.ToString(),
            entry.Text,
            entry.EngineEventId,
        }, transaction, cancellationToken: cancellationToken));
    }

    // SQLite hands back integers as Int64; settable rows let Dapper convert them before the immutable records are built.
    private sealed class IncidentRow
    {
        public long Id { get; set; }

        public string IncidentKey { get; set; } = "";

        public string Kind { get; set; } = "";

        public long Severity { get; set; }

        public string Site { get; set; } = "";

        public string Title { get; set; } = "";

        public string Detail { get; set; } = "";

        public long OpenedMs { get; set; }

        public long? ClosedMs { get; set; }

        public Incident ToIncident(IncidentAcknowledgement? acknowledgement, IReadOnlyList<IncidentTimelineEntry> timeline) => new(
            Id,
            IncidentKey,
            Enum.TryParse<IncidentKind>(Kind, out var kind) ? kind : IncidentKind.SiteDown,
            (HealthLevel)Severity,
            Site,
            Title,
            Detail,
            DateTimeOffset.FromUnixTimeMilliseconds(OpenedMs),
            ClosedMs is { } closed ? DateTimeOffset.FromUnixTimeMilliseconds(closed) : null,
            acknowledgement,
            timeline);
    }

    private sealed class TimelineRow
    {
        public long IncidentId { get; set; }

        public long TimeMs { get; set; }

        public string Kind { get; set; } = "";

        public string Text { get; set; } = "";

        public long? EngineEventId { get; set; }

        public IncidentTimelineEntry ToEntry() => new(
            DateTimeOffset.FromUnixTimeMilliseconds(TimeMs),
            Enum.TryParse<IncidentTimelineKind>(Kind, out var kind) ? kind : IncidentTimelineKind.Changed,
            Text,
            EngineEventId);
    }

    private sealed class OutageVmRow
    {
        public long IncidentId { get; set; }

        public string Id { get; set; } = "";

        public string Name { get; set; } = "";

        public string LostSite { get; set; } = "";

        public string LostHost { get; set; } = "";

        public long HighlyAvailable { get; set; }

        public long HaPriority { get; set; }

        public long HasLease { get; set; }

        public string Site { get; set; } = "";

        public string Status { get; set; } = "";

        public OutageVm ToVm() => new(Id, Name, LostSite, LostHost, HighlyAvailable != 0, (int)HaPriority, HasLease != 0, Site, Status);
    }

    private sealed class AcknowledgementRow
    {
        public long IncidentId { get; set; }

        public string AcknowledgedBy { get; set; } = "";

        public long TimeMs { get; set; }

        public string? Note { get; set; }
    }
}
