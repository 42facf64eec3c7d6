using System.Text.Json;
using System.Text.Json.Serialization;
using Dapper;
using RhvDr.Core.Data;

namespace RhvDr.Core.Mapping;

/// <summary>
/// Mapping versions in SQLite (table <c>mapping_versions</c>): the body is the mapping's YAML export, so what is stored is
/// what an operator can download, except that secrets (CHAP passwords) are encrypted with <see cref="ISecretProtector"/>;
/// findings are kept as JSON as they were when saved.
/// </summary>
public sealed class SqliteMappingStore : IMappingStore
{
    private static readonly JsonSerializerOptions FindingsJson = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    private const string InfoColumns = """
        version AS Version, saved_at_ms AS SavedAt, saved_by AS SavedBy, comment AS Comment, is_draft AS IsDraft,
        errors AS Errors, warnings AS Warnings, summary AS Summary
        """;

    // Marks an encrypted secret in the stored YAML, so a body written before encryption still reads.
    private const string ProtectedPrefix = "protected:";

    private readonly SqliteConnectionFactory _connections;
    private readonly TimeProvider _time;
    private readonly ISecretProtector _secrets;

    public SqliteMappingStore(SqliteConnectionFactory connections, TimeProvider time, ISecretProtector secrets)
    {
        _connections = connections;
        _time = time;
        _secrets = secrets;
        UnixMillisecondsDateTimeOffsetHandler.Register();
    }

    public Task<StoredMapping?> GetCurrentAsync(CancellationToken cancellationToken = default) =>
        GetOneAsync($"SELECT {InfoColumns}, body_yaml AS Body, findings_json AS FindingsJson FROM mapping_versions ORDER BY version DESC LIMIT 1;", null, cancellationToken);

    public Task<StoredMapping?> GetActiveAsync(CancellationToken cancellationToken = default) =>
        GetOneAsync($"SELECT {InfoColumns}, body_yaml AS Body, findings_json AS FindingsJson FROM mapping_versions WHERE is_draft = 0 ORDER BY version DESC LIMIT 1;", null, cancellationToken);

    public Task<StoredMapping?> GetVersionAsync(int version, CancellationToken cancellationToken = default) =>
        GetOneAsync($"SELECT {InfoColumns}, body_yaml AS Body, findings_json AS FindingsJson FROM mapping_versions WHERE version = @Version;", new { Version = version }, cancellationToken);

    public async Task<IReadOnlyList<MappingVersionInfo>> GetVersionsAsync(CancellationToken cancellationToken = default)
    {
        var sql = $"SELECT {InfoColumns} FROM mapping_versions ORDER BY version DESC;";
        var connection = await _connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionDisposal = connection.ConfigureAwait(false);
        var rows = await connection.QueryAsync<VersionRow>(new CommandDefinition(sql, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return [.. rows.Select(r => r.ToInfo())];
    }

    public async Task<StoredMapping> SaveAsync(
        DrMapping mapping, IReadOnlyList<MappingFinding> findings, string savedBy, string? comment, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(mapping);
        ArgumentNullException.ThrowIfNull(findings);
        ArgumentException.ThrowIfNullOrWhiteSpace(savedBy);
        const string previousSql = "SELECT version AS Version, body_yaml AS Body FROM mapping_versions ORDER BY version DESC LIMIT 1;";
        const string insertSql = """
            INSERT INTO mapping_versions (version, saved_at_ms, saved_by, comment, is_draft, errors, warnings, summary, body_yaml, findings_json)
            VALUES (@Version, @SavedAt, @SavedBy, @Comment, @IsDraft, @Errors, @Warnings, @Summary, @Body, @FindingsJson);
            """;

        var body = DrMappingYaml.Export(MappingSecrets.MapSecrets(mapping, secret => ProtectedPrefix + _secrets.Protect(secret)));
        var connection = await _connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionDisposal = connection.ConfigureAwait(false);
        // IMMEDIATE: two saves at once must not both take the same version number.
        var transaction = connection.BeginTransaction(deferred: false);
        await using var transactionDisposal = transaction.ConfigureAwait(false);
        var previous = await connection.QuerySingleOrDefaultAsync<PreviousRow>(new CommandDefinition(previousSql, transaction: transaction, cancellationToken: cancellationToken))
            .ConfigureAwait(false);
        var info = new MappingVersionInfo(
            (previous?.Version ?? 0) + 1,
            // Stored as epoch milliseconds: the saved answer must equal what a later read gives.
            DateTimeOffset.FromUnixTimeMilliseconds(_time.GetUtcNow().ToUnixTimeMilliseconds()),
            savedBy,
            string.IsNullOrWhiteSpace(comment) ? null : comment.Trim(),
            findings.Any(f => f.IsError),
            findings.Count(f => f.Severity == MappingSeverity.Error),
            findings.Count(f => f.Severity == MappingSeverity.Warning),
            MappingChangeSummary.Describe(previous is null ? null : ReadBody(previous.Body).Mapping, mapping));
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
            Body = body,
            FindingsJson = JsonSerializer.Serialize(findings, FindingsJson),
        }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new StoredMapping(info, mapping, findings);
    }

    private async Task<StoredMapping?> GetOneAsync(string sql, object? args, CancellationToken cancellationToken)
    {
        var connection = await _connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionDisposal = connection.ConfigureAwait(false);
        var row = await connection.QuerySingleOrDefaultAsync<VersionRow>(new CommandDefinition(sql, args, cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (row is null)
        {
            return null;
        }

        var imported = ReadBody(row.Body);
        var mapping = imported.Mapping
            ?? throw new InvalidDataException($"Mapping version {row.Version} in the database cannot be read back: {string.Join("; ", imported.Findings)}. Roll back to another version.");
        var findings = JsonSerializer.Deserialize<List<MappingFinding>>(row.FindingsJson, FindingsJson) ?? [];
        return new StoredMapping(row.ToInfo(), mapping, findings);
    }

    private MappingImportResult ReadBody(string body)
    {
        var imported = DrMappingYaml.Import(body);
        return imported.Mapping is null
            ? imported
            : imported with
            {
                Mapping = MappingSecrets.MapSecrets(imported.Mapping, secret =>
                    secret.StartsWith(ProtectedPrefix, StringComparison.Ordinal) ? _secrets.Unprotect(secret[ProtectedPrefix.Length..]) : secret),
            };
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

        public MappingVersionInfo ToInfo() => new(Version, SavedAt, SavedBy, Comment, IsDraft, Errors, Warnings, Summary);
    }

    private sealed class PreviousRow
    {
        public int Version { get; set; }

        public string Body { get; set; } = "";
    }
}
