using System.Text.Json;
using System.Text.Json.Serialization;
using Dapper;
using RhvDr.Core.Data;
using RhvDr.Core.Mapping;

namespace RhvDr.Core.Plans;

/// <summary>
/// Plan versions in SQLite (table <c>plan_versions</c>): the body is the document's <c>rhvdr-plans.yml</c> export, so what is
/// stored is what an operator downloads; findings are kept as JSON as they were when saved.
/// </summary>
public sealed class SqlitePlanStore : IPlanStore
{
    private static readonly JsonSerializerOptions FindingsJson = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    private const string InfoColumns = """
        version AS Version, saved_at_ms AS SavedAt, saved_by AS SavedBy, comment AS Comment, is_draft AS IsDraft,
        errors AS Errors, warnings AS Warnings, summary AS Summary
        """;

    private const string BodyColumns = $"{InfoColumns}, body_yaml AS Body, findings_json AS FindingsJson";

    private readonly SqliteConnectionFactory _connections;
    private readonly TimeProvider _time;

    public SqlitePlanStore(SqliteConnectionFactory connections, TimeProvider time)
    {
        _connections = connections;
        _time = time;
        UnixMillisecondsDateTimeOffsetHandler.Register();
    }

    public async Task<StoredPlans?> GetCurrentAsync(CancellationToken cancellationToken = default) =>
        (await QueryAsync($"SELECT {BodyColumns} FROM plan_versions ORDER BY version DESC LIMIT 1;", null, cancellationToken).ConfigureAwait(false)).SingleOrDefault();

    public async Task<StoredPlans?> GetActiveAsync(CancellationToken cancellationToken = default) =>
        (await QueryAsync($"SELECT {BodyColumns} FROM plan_versions WHERE is_draft = 0 ORDER BY version DESC LIMIT 1;", null, cancellationToken).ConfigureAwait(false)).SingleOrDefault();

    public async Task<StoredPlans?> GetVersionAsync(int version, CancellationToken cancellationToken = default) =>
        (await QueryAsync($"SELECT {BodyColumns} FROM plan_versions WHERE version = @Version;", new { Version = version }, cancellationToken).ConfigureAwait(false)).SingleOrDefault();

    public Task<IReadOnlyList<StoredPlans>> GetAllAsync(CancellationToken cancellationToken = default) =>
        QueryAsync($"SELECT {BodyColumns} FROM plan_versions ORDER BY version;", null, cancellationToken);

    public async Task<IReadOnlyList<PlanVersionInfo>> GetVersionsAsync(CancellationToken cancellationToken = default)
    {
        var connection = await _connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionDisposal = connection.ConfigureAwait(false);
        var rows = await connection.QueryAsync<VersionRow>(new CommandDefinition($"SELECT {InfoColumns} FROM plan_versions ORDER BY version DESC;", cancellationToken: cancellationToken))
            .ConfigureAwait(false);
        return [.. rows.Select(r => r.ToInfo())];
    }

    public async Task<StoredPlans> SaveAsync(
        PlanDocument document, IReadOnlyList<MappingFinding> findings, string savedBy, string? comment, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(findings);
        ArgumentException.ThrowIfNullOrWhiteSpace(savedBy);
        const string previousSql = "SELECT version AS Version, body_yaml AS Body FROM plan_versions ORDER BY version DESC LIMIT 1;";
        const string insertSql = """
            INSERT INTO plan_versions (version, saved_at_ms, saved_by, comment, is_draft, errors, warnings, summary, body_yaml, findings_json)
            VALUES (@Version, @SavedAt, @SavedBy, @Comment, @IsDraft, @Errors, @Warnings, @Summary, @Body, @FindingsJson);
            """;

        var connection = await _connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionDisposal = connection.ConfigureAwait(false);
        // IMMEDIATE: two saves at once must not both take the same version number.
        var transaction = connection.BeginTransaction(deferred: false);
        await using var transactionDisposal = transaction.ConfigureAwait(false);
        var previous = await connection.QuerySingleOrDefaultAsync<PreviousRow>(new CommandDefinition(previousSql, transaction: transaction, cancellationToken: cancellationToken))
            .ConfigureAwait(false);
        var info = new PlanVersionInfo(
            (previous?.Version ?? 0) + 1,
            DateTimeOffset.FromUnixTimeMilliseconds(_time.GetUtcNow().ToUnixTimeMilliseconds()),
            savedBy,
            string.IsNullOrWhiteSpace(comment) ? null : comment.Trim(),
            findings.Any(f => f.IsError),
            findings.Count(f => f.Severity == MappingSeverity.Error),
            findings.Count(f => f.Severity == MappingSeverity.Warning),
            PlanChangeSummary.Describe(previous is null ? null : ReadBody(previous.Version, previous.Body), document));
        await connection.ExecuteAsync(new CommandDefinition(insertSql, new
        {
            info.Version,
            info.SavedAt,
            info.SavedBy,
            info.Comment,
            info.IsDraft,
            info.Errors,
            info.Warnings,
            info.Summary,
            Body = PlanYaml.Export(document),
            FindingsJson = JsonSerializer.Serialize(findings, FindingsJson),
        }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new StoredPlans(info, document, findings);
    }

    private async Task<IReadOnlyList<StoredPlans>> QueryAsync(string sql, object? args, CancellationToken cancellationToken)
    {
        var connection = await _connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionDisposal = connection.ConfigureAwait(false);
        var rows = await connection.QueryAsync<VersionRow>(new CommandDefinition(sql, args, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return [.. rows.Select(row => new StoredPlans(
            row.ToInfo(),
            ReadBody(row.Version, row.Body),
            JsonSerializer.Deserialize<List<MappingFinding>>(row.FindingsJson, FindingsJson) ?? []))];
    }

    private static PlanDocument ReadBody(int version, string body)
    {
        var imported = PlanYaml.Import(body);
        return imported.Document
            ?? throw new InvalidDataException($"Plans version {version} in the database cannot be read back: {string.Join("; ", imported.Findings)}. Save the plans again.");
    }

    // SQLite hands back integers as Int64; settable rows let Dapper convert them.
    private sealed class VersionRow
    {
        public int Version { get; set; }

        public DateTimeOffset SavedAt { get; set; }

        public string SavedBy { get; set; } = "";

        public string? Comment { get; set; }

        public bool IsDraft { get; set; }

        public int Errors { get; set; }

        public int Warnings { get; set; }

        public string Summary { get; set; } = "";

        public string Body { get; set; } = "";

        public string FindingsJson { get; set; } = "[]";

        public PlanVersionInfo ToInfo() => new(Version, SavedAt, SavedBy, Comment, IsDraft, Errors, Warnings, Summary);
    }

    private sealed class PreviousRow
    {
        public int Version { get; set; }

        public string Body { get; set; } = "";
    }
}
