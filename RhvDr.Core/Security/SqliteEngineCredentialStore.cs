using Dapper;
using RhvDr.Core.Data;

namespace RhvDr.Core.Security;

/// <summary><see cref="IEngineCredentialStore"/> over table <c>engine_credentials</c> (migration 6).</summary>
public sealed class SqliteEngineCredentialStore(SqliteConnectionFactory connections) : IEngineCredentialStore
{
    public async Task<IReadOnlyList<StoredEngineCredential>> ListAsync(CancellationToken cancellationToken)
    {
        const string sql = """
            SELECT site AS Site, username AS Username, password_protected AS ProtectedPassword, updated_by AS UpdatedBy, updated_ms AS UpdatedMs
            FROM engine_credentials ORDER BY site;
            """;
        var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionDisposal = connection.ConfigureAwait(false);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(sql, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.Select(r => new StoredEngineCredential(r.Site, r.Username, r.ProtectedPassword, r.UpdatedBy, DateTimeOffset.FromUnixTimeMilliseconds(r.UpdatedMs))).ToList();
    }

    public async Task UpsertAsync(StoredEngineCredential credential, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(credential);
        const string sql = """
            INSERT INTO engine_credentials (site, username, password_protected, updated_by, updated_ms)
            VALUES (@Site, @Username, @ProtectedPassword, @UpdatedBy, @UpdatedMs)
            ON CONFLICT (site) DO UPDATE SET username = excluded.username, password_protected = excluded.password_protected,
                updated_by = excluded.updated_by, updated_ms = excluded.updated_ms;
            """;
        var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionDisposal = connection.ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(sql, new
        {
            credential.Site,
            credential.Username,
            credential.ProtectedPassword,
            credential.UpdatedBy,
            UpdatedMs = credential.UpdatedAt.ToUnixTimeMilliseconds(),
        }, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    private sealed record Row(string Site, string Username, string ProtectedPassword, string UpdatedBy, long UpdatedMs);
}
