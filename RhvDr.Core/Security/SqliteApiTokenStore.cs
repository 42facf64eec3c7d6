using Dapper;
using RhvDr.Core.Data;

namespace RhvDr.Core.Security;

/// <summary><see cref="IApiTokenStore"/> over table <c>api_tokens</c> (migration 6).</summary>
public sealed class SqliteApiTokenStore(SqliteConnectionFactory connections) : IApiTokenStore
{
    private const string Columns = """
        id AS Id, name AS Name, role AS Role, prefix AS Prefix, created_by AS CreatedBy, created_ms AS CreatedMs,
        revoked_ms AS RevokedMs, revoked_by AS RevokedBy, last_used_ms AS LastUsedMs
        """;

    public async Task<int> CountAsync(CancellationToken cancellationToken)
    {
        var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionDisposal = connection.ConfigureAwait(false);
        return await connection.ExecuteScalarAsync<int>(new CommandDefinition("SELECT COUNT(*) FROM api_tokens;", cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    public async Task<long> InsertAsync(string name, Role role, string tokenHash, string prefix, string createdBy, DateTimeOffset createdAt, CancellationToken cancellationToken)
    {
        const string sql = """
            INSERT INTO api_tokens (name, role, token_hash, prefix, created_by, created_ms)
            VALUES (@name, @Role, @tokenHash, @prefix, @createdBy, @CreatedMs)
            RETURNING id;
            """;
        var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionDisposal = connection.ConfigureAwait(false);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(sql, new
        {
            name,
            Role = role.ToString(),
            tokenHash,
            prefix,
            createdBy,
            CreatedMs = createdAt.ToUnixTimeMilliseconds(),
        }, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    public async Task<ApiTokenInfo?> FindByHashAsync(string tokenHash, CancellationToken cancellationToken)
    {
        var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionDisposal = connection.ConfigureAwait(false);
        var row = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
            $"SELECT {Columns} FROM api_tokens WHERE token_hash = @tokenHash;", new { tokenHash }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return row?.ToInfo();
    }

    public async Task<ApiTokenInfo?> GetAsync(long id, CancellationToken cancellationToken)
    {
        var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionDisposal = connection.ConfigureAwait(false);
        var row = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
            $"SELECT {Columns} FROM api_tokens WHERE id = @id;", new { id }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return row?.ToInfo();
    }

    public async Task<IReadOnlyList<ApiTokenInfo>> ListAsync(CancellationToken cancellationToken)
    {
        var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionDisposal = connection.ConfigureAwait(false);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(
            $"SELECT {Columns} FROM api_tokens ORDER BY created_ms DESC, id DESC;", cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.Select(r => r.ToInfo()).ToList();
    }

    public async Task RevokeAsync(long id, string revokedBy, DateTimeOffset revokedAt, CancellationToken cancellationToken)
    {
        var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionDisposal = connection.ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE api_tokens SET revoked_ms = @RevokedMs, revoked_by = @revokedBy WHERE id = @id AND revoked_ms IS NULL;",
            new { id, revokedBy, RevokedMs = revokedAt.ToUnixTimeMilliseconds() }, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    public async Task TouchAsync(long id, DateTimeOffset usedAt, CancellationToken cancellationToken)
    {
        var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionDisposal = connection.ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE api_tokens SET last_used_ms = @UsedMs WHERE id = @id;",
            new { id, UsedMs = usedAt.ToUnixTimeMilliseconds() }, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    private sealed record Row(long Id, string Name, string Role, string Prefix, string CreatedBy, long CreatedMs, long? RevokedMs, string? RevokedBy, long? LastUsedMs)
    {
        public ApiTokenInfo ToInfo() => new(
            Id, Name, Enum.Parse<Security.Role>(Role), Prefix, CreatedBy, DateTimeOffset.FromUnixTimeMilliseconds(CreatedMs),
            RevokedMs is { } revoked ? DateTimeOffset.FromUnixTimeMilliseconds(revoked) : null, RevokedBy,
            LastUsedMs is { } used ? DateTimeOffset.FromUnixTimeMilliseconds(used) : null);
    }
}
