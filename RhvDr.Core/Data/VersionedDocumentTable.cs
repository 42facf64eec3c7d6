using System.Text.Json;
using System.Text.Json.Serialization;
using Dapper;
using RhvDr.Core.Mapping;

namespace RhvDr.Core.Data;

/// <summary>Who saved one version of a versioned document, when, why, what changed, and whether it is only a draft.</summary>
internal sealed record DocumentVersion(int Version, DateTimeOffset SavedAt, string SavedBy, string? Comment, bool IsDraft, int Errors, int Warnings, string Summary);

/// <summary>One saved version of a document with the findings it had when saved.</summary>
internal sealed record StoredDocument<TDocument>(DocumentVersion Version, TDocument Document, IReadOnlyList<MappingFinding> Findings);

/// <summary>How a versioned document is written to and read from its stored body, and how two versions differ in words.</summary>
internal interface IDocumentFormat<TDocument>
    where TDocument : class
{
    string Write(TDocument document);

    /// <summary>The document of <paramref name="version"/>; throws <see cref="InvalidDataException"/> saying what to do when it cannot be read.</summary>
    TDocument Read(int version, string body);

    /// <summary>What changed from <paramref name="previous"/> (null for the first version) to <paramref name="current"/>.</summary>
    string Describe(TDocument? previous, TDocument current);
}

/// <summary>
/// Numbered versions of one document in a SQLite table with the columns <c>version, saved_at_ms, saved_by, comment, is_draft,
/// errors, warnings, summary, body_yaml, findings_json</c>: the DR mapping and the recovery plans are kept this way. A version
/// with an error finding is a draft; the active version is the newest that is not. Findings are kept as JSON as they were
/// when saved.
/// </summary>
internal sealed class VersionedDocumentTable<TDocument>
    where TDocument : class
{
    private static readonly JsonSerializerOptions FindingsJson = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    private const string InfoColumns = """
        version AS Version, saved_at_ms AS SavedAt, saved_by AS SavedBy, comment AS Comment, is_draft AS IsDraft,
        errors AS Errors, warnings AS Warnings, summary AS Summary
        """;

    private readonly SqliteConnectionFactory _connections;
    private readonly TimeProvider _time;
    private readonly string _table;
    private readonly IDocumentFormat<TDocument> _format;

    /// <param name="table">The table's name, a constant of the caller's (never input).</param>
    public VersionedDocumentTable(SqliteConnectionFactory connections, TimeProvider time, string table, IDocumentFormat<TDocument> format)
    {
        _connections = connections;
        _time = time;
        _table = table;
        _format = format;
        UnixMillisecondsDateTimeOffsetHandler.Register();
    }

    private string BodyColumns => $"{InfoColumns}, body_yaml AS Body, findings_json AS FindingsJson FROM {_table}";

    public async Task<StoredDocument<TDocument>?> GetCurrentAsync(CancellationToken cancellationToken) =>
        (await QueryAsync($"SELECT {BodyColumns} ORDER BY version DESC LIMIT 1;", null, cancellationToken).ConfigureAwait(false)).SingleOrDefault();

    public async Task<StoredDocument<TDocument>?> GetActiveAsync(CancellationToken cancellationToken) =>
        (await QueryAsync($"SELECT {BodyColumns} WHERE is_draft = 0 ORDER BY version DESC LIMIT 1;", null, cancellationToken).ConfigureAwait(false)).SingleOrDefault();

    public async Task<StoredDocument<TDocument>?> GetVersionAsync(int version, CancellationToken cancellationToken) =>
        (await QueryAsync($"SELECT {BodyColumns} WHERE version = @Version;", new { Version = version }, cancellationToken).ConfigureAwait(false)).SingleOrDefault();

    public Task<IReadOnlyList<StoredDocument<TDocument>>> GetAllAsync(CancellationToken cancellationToken) =>
        QueryAsync($"SELECT {BodyColumns} ORDER BY version;", null, cancellationToken);

    public async Task<IReadOnlyList<DocumentVersion>> GetVersionsAsync(CancellationToken cancellationToken)
    {
        var connection = await _connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionDisposal = connection.ConfigureAwait(false);
        var rows = await connection.QueryAsync<VersionRow>(new CommandDefinition($"SELECT {InfoColumns} FROM {_table} ORDER BY version DESC;", cancellationToken: cancellationToken))
            .ConfigureAwait(false);
        return [.. rows.Select(r => r.ToVersion())];
    }

    public async Task<StoredDocument<TDocument>> SaveAsync(
        TDocument document, IReadOnlyList<MappingFinding> findings, string savedBy, string? comment, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(findings);
        ArgumentException.ThrowIfNullOrWhiteSpace(savedBy);
        var previousSql = $"SELECT version AS Version, body_yaml AS Body FROM {_table} ORDER BY version DESC LIMIT 1;";
        var insertSql = $"""
            INSERT INTO {_table} (version, saved_at_ms, saved_by, comment, is_draft, errors, warnings, summary, body_yaml, findings_json)
            VALUES (@Version, @SavedAt, @SavedBy, @Comment, @IsDraft, @Errors, @Warnings, @Summary, @Body, @FindingsJson);
            """;

        var body = _format.Write(document);
        var connection = await _connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionDisposal = connection.ConfigureAwait(false);
        // IMMEDIATE: two saves at once must not both take the same version number.
        var transaction = connection.BeginTransaction(deferred: false);
        await using var transactionDisposal = transaction.ConfigureAwait(false);
        var previous = await connection.QuerySingleOrDefaultAsync<PreviousRow>(new CommandDefinition(previousSql, transaction: transaction, cancellationToken: cancellationToken))
            .ConfigureAwait(false);
        var version = new DocumentVersion(
            (previous?.Version ?? 0) + 1,
            // Stored as epoch milliseconds: the saved answer must equal what a later read gives.
            DateTimeOffset.FromUnixTimeMilliseconds(_time.GetUtcNow().ToUnixTimeMilliseconds()),
            savedBy,
            string.IsNullOrWhiteSpace(comment) ? null : comment.Trim(),
            findings.Any(f => f.IsError),
            findings.Count(f => f.Severity == MappingSeverity.Error),
            findings.Count(f => f.Severity == MappingSeverity.Warning),
            _format.Describe(ReadPrevious(previous), document));
        await connection.ExecuteAsync(new CommandDefinition(insertSql, new
        {
            version.Version,
            version.SavedAt,
            version.SavedBy,
            version.Comment,
            version.IsDraft,
            version.Errors,
            version.Warnings,
            version.Summary,
            Body = body,
            FindingsJson = JsonSerializer.Serialize(findings, FindingsJson),
        }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new StoredDocument<TDocument>(version, document, findings);
    }

    // A version that can no longer be read must not stop the save that replaces it: the summary then reads as a first version.
    private TDocument? ReadPrevious(PreviousRow? previous)
    {
        if (previous is null)
        {
            return null;
        }

        try
        {
            return _format.Read(previous.Version, previous.Body);
        }
        catch (InvalidDataException)
        {
            return null;
        }
    }

    private async Task<IReadOnlyList<StoredDocument<TDocument>>> QueryAsync(string sql, object? args, CancellationToken cancellationToken)
    {
        var connection = await _connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionDisposal = connection.ConfigureAwait(false);
        var rows = await connection.QueryAsync<VersionRow>(new CommandDefinition(sql, args, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return [.. rows.Select(row => new StoredDocument<TDocument>(
            row.ToVersion(),
            _format.Read(row.Version, row.Body),
            JsonSerializer.Deserialize<List<MappingFinding>>(row.FindingsJson, FindingsJson) ?? []))];
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

        public DocumentVersion ToVersion() => new(Version, SavedAt, SavedBy, Comment, IsDraft, Errors, Warnings, Summary);
    }

    private sealed class PreviousRow
    {
        public int Version { get; set; }

        public string Body { get; set; } = "";
    }
}
