using Dapper;
using RhvDr.Core.Sites;

namespace RhvDr.Core.Data;

/// <summary>Health samples in SQLite (table <c>health_samples</c>).</summary>
public sealed class HealthSampleRepository : IHealthSampleRepository
{
    private readonly SqliteConnectionFactory _connections;

    public HealthSampleRepository(SqliteConnectionFactory connections)
    {
        _connections = connections;
        UnixMillisecondsDateTimeOffsetHandler.Register();
    }

    public async Task AddAsync(HealthSample sample, CancellationToken cancellationToken)
    {
        const string sql = """
            INSERT INTO health_samples (site, time_ms, engine_reachable, level, hosts_up, hosts_total, domains_active, domains_total, vms_up, vms_total)
            VALUES (@Site, @Time, @EngineReachable, @Level, @HostsUp, @HostsTotal, @DomainsActive, @DomainsTotal, @VmsUp, @VmsTotal);
            """;
        var connection = await _connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionDisposal = connection.ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(sql, new
        {
            sample.Site,
            sample.Time,
            sample.EngineReachable,
            Level = (int)sample.Level,
            sample.HostsUp,
            sample.HostsTotal,
            sample.DomainsActive,
            sample.DomainsTotal,
            sample.VmsUp,
            sample.VmsTotal,
        }, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<HealthSample>> GetRecentAsync(string site, DateTimeOffset since, CancellationToken cancellationToken)
    {
        const string sql = """
            SELECT site AS Site, time_ms AS Time, engine_reachable AS EngineReachable, level AS Level,
                   hosts_up AS HostsUp, hosts_total AS HostsTotal, domains_active AS DomainsActive, domains_total AS DomainsTotal,
                   vms_up AS VmsUp, vms_total AS VmsTotal
            FROM health_samples
            WHERE site = @Site AND time_ms >= @Since
            ORDER BY time_ms;
            """;
        var connection = await _connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionDisposal = connection.ConfigureAwait(false);
        var rows = await connection.QueryAsync<HealthSampleRow>(new CommandDefinition(sql, new { Site = site, Since = since }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.Select(r => r.ToSample()).ToList();
    }

    public async Task<int> PruneAsync(DateTimeOffset before, CancellationToken cancellationToken)
    {
        const string sql = "DELETE FROM health_samples WHERE time_ms < @Before;";
        var connection = await _connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionDisposal = connection.ConfigureAwait(false);
        return await connection.ExecuteAsync(new CommandDefinition(sql, new { Before = before }, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    // SQLite hands back integers as Int64; a settable row lets Dapper convert them before the immutable record is built.
    private sealed class HealthSampleRow
    {
        public string Site { get; set; } = "";

        public DateTimeOffset Time { get; set; }

        public bool EngineReachable { get; set; }

        public int Level { get; set; }

        public int HostsUp { get; set; }

        public int HostsTotal { get; set; }

        public int DomainsActive { get; set; }

        public int DomainsTotal { get; set; }

        public int VmsUp { get; set; }

        public int VmsTotal { get; set; }

        public HealthSample ToSample() =>
            new(Site, Time, EngineReachable, (HealthLevel)Level, HostsUp, HostsTotal, DomainsActive, DomainsTotal, VmsUp, VmsTotal);
    }
}
